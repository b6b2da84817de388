'use client'
import type { PeerView, TransferSummary } from '@netswarm/gateway'
import { useState } from 'react'
import { formatBytes, formatRate, percent, shortId } from '../lib/format.ts'
import { useQuery, useSubscription } from '../lib/hooks.ts'
import { useConsole } from './console-context.tsx'
import { ErrorMessage } from './error-message.tsx'
import { ProgressBar } from './progress-bar.tsx'
import { Sparkline } from './sparkline.tsx'

const HISTORY = 60

/** Storage, bandwidth and counts of this peer; refreshed when the gateway pushes a change. */
export function Dashboard() {
  const { client, peer } = useConsole()
  const [peers, setPeers] = useState<PeerView[]>([])
  const [inHistory, setIn] = useState<number[]>([])
  const [outHistory, setOut] = useState<number[]>([])
  const [activeTransfers, setActive] = useState(0)
  const stats = useQuery(() => client.stats.query(), [client])
  const peersError = useSubscription<{ peers: PeerView[] }>(
    (h) => client.peers.watch.subscribe(undefined, h),
    ({ peers: list }) => {
      setPeers(list)
      const bytesIn = list.reduce((s, p) => s + p.bytesInPerSecond, 0)
      const bytesOut = list.reduce((s, p) => s + p.bytesOutPerSecond, 0)
      setIn((h) => [...h, bytesIn].slice(-HISTORY))
      setOut((h) => [...h, bytesOut].slice(-HISTORY))
      stats.reload()
    },
    [client],
  )
  useSubscription<TransferSummary[]>(
    (h) => client.transfers.watch.subscribe({ includeFinished: false }, h),
    (list) => {
      setActive(list.length)
      // A transfer moved: storage figures changed too.
      stats.reload()
    },
    [client],
  )
  const s = stats.data
  const bandwidthIn = inHistory.at(-1) ?? 0
  const bandwidthOut = outHistory.at(-1) ?? 0
  const connected = peers.filter((p) => p.connected).length
  return (
    <section>
      <h1>Dashboard</h1>
      <p className="muted">
        Peer {peer} {s && <code title={s.peerId}>{shortId(s.peerId, 12, 6)}</code>}
      </p>
      <ErrorMessage error={stats.error ?? peersError} onRetry={stats.reload} />
      <div className="cards">
        <div className="card" data-testid="card-storage">
          <h3>Storage</h3>
          <div className="big">{s ? formatBytes(s.storage.bytesStored) : '…'}</div>
          {s && s.storage.quotaBytes <= 0 && (
            <div className="muted">no quota · {formatBytes(s.storage.pinnedBytes)} pinned</div>
          )}
          {s && s.storage.quotaBytes > 0 && (
            <>
              <ProgressBar value={percent(s.storage.bytesStored, s.storage.quotaBytes)} label="storage used" />
              <div className="muted">
                of {formatBytes(s.storage.quotaBytes)} quota · {formatBytes(s.storage.pinnedBytes)} pinned
              </div>
            </>
          )}
        </div>
        <div className="card">
          <h3>Files</h3>
          <div className="big" data-testid="count-files">
            {s ? s.storage.files : '…'}
          </div>
          <div className="muted">{s ? `${s.storage.chunksStored} chunks` : ''}</div>
        </div>
        <div className="card">
          <h3>Peers</h3>
          <div className="big" data-testid="count-peers">
            {peers.length}
          </div>
          <div className="muted">
            {connected} connected · {s ? s.dht.routingTableSize : '…'} in routing table
          </div>
        </div>
        <div className="card">
          <h3>Transfers</h3>
          <div className="big">{activeTransfers}</div>
          <div className="muted">active</div>
        </div>
        <div className="card wide">
          <h3>Bandwidth in</h3>
          <div className="big">{formatRate(bandwidthIn)}</div>
          <Sparkline samples={inHistory} width={260} />
        </div>
        <div className="card wide">
          <h3>Bandwidth out</h3>
          <div className="big">{formatRate(bandwidthOut)}</div>
          <Sparkline samples={outHistory} width={260} />
        </div>
        <div className="card">
          <h3>DHT</h3>
          <div className="muted">
            {s
              ? `${s.dht.lookupsTotal} lookups (${s.dht.lookupsFailedTotal} failed) · ${s.dht.providedKeys} keys provided · ${s.dht.providerRecords} provider records`
              : '…'}
          </div>
        </div>
      </div>
    </section>
  )
}
