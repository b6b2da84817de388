'use client'
import type { PeerView } from '@netswarm/gateway'
import { useState } from 'react'
import { ago, formatBytes, formatMs, formatRate, shortId } from '../lib/format.ts'
import { useQuery, useSubscription } from '../lib/hooks.ts'
import { useConsole } from './console-context.tsx'
import { ErrorMessage } from './error-message.tsx'

/** This peer's identity and every peer it knows, pushed by `peers.watch`. */
export function PeersView() {
  const { client, peer, gateways } = useConsole()
  const [peers, setPeers] = useState<PeerView[]>()
  const stats = useQuery(() => client.stats.query(), [client])
  const error = useSubscription<{ peers: PeerView[] }>(
    (h) => client.peers.watch.subscribe(undefined, h),
    (e) => setPeers(e.peers),
    [client],
  )
  const table = useQuery(() => client.overlay.routingTable.query(), [client])
  const selfId = table.data?.selfPeerId ?? stats.data?.peerId
  return (
    <section>
      <h1>Peers</h1>
      <div className="card identity" data-testid="identity">
        <h3>This peer</h3>
        <dl className="facts">
          <dt>Peer ID</dt>
          <dd>
            <code className="wrap" data-testid="self-id">
              {selfId ?? '…'}
            </code>
          </dd>
          <dt>Gateway</dt>
          <dd>
            <code>{gateways[peer]}</code>
          </dd>
          <dt>Routing table</dt>
          <dd>
            {table.data ? `${table.data.contacts.length} contacts, ${table.data.replacements} replacements` : '…'}
          </dd>
        </dl>
      </div>
      <ErrorMessage error={error ?? table.error} />
      <div className="table-wrap">
        <table data-testid="peer-table">
          <thead>
            <tr>
              <th>Peer</th>
              <th className="hide-sm">Addresses</th>
              <th>State</th>
              <th>RTT</th>
              <th>In</th>
              <th>Out</th>
              <th className="hide-sm">Bucket</th>
              <th className="hide-sm">Last seen</th>
            </tr>
          </thead>
          <tbody>
            {(peers ?? []).map((p) => (
              <tr key={p.peerId} data-testid="peer-row" data-peer-id={p.peerId}>
                <td>
                  <code title={p.peerId}>{shortId(p.peerId, 12, 4)}</code>
                </td>
                <td className="hide-sm">{p.addresses.join(', ')}</td>
                <td>
                  <span className={p.connected ? 'badge done' : p.inRoutingTable ? 'badge' : 'badge failed'}>
                    {p.connected ? 'connected' : p.inRoutingTable ? 'known' : 'not in DHT table'}
                  </span>
                </td>
                <td>{formatMs(p.rttMs)}</td>
                <td title={`${formatBytes(p.bytesIn)} total`}>{formatRate(p.bytesInPerSecond)}</td>
                <td title={`${formatBytes(p.bytesOut)} total`}>{formatRate(p.bytesOutPerSecond)}</td>
                <td className="hide-sm">{p.bucketIndex ?? '—'}</td>
                <td className="hide-sm">{ago(p.lastSeenMs)}</td>
              </tr>
            ))}
            {peers?.length === 0 && (
              <tr>
                <td colSpan={8} className="muted center">
                  No peer known yet: this peer has not reached a bootstrap peer.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  )
}
