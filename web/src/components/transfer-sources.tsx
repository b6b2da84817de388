import type { PeerRate } from '@netswarm/gateway'
import { formatBytes, formatMs, formatRate, shortId } from '../lib/format.ts'

/** The peers a download pulls from and what each gave, as bars relative to the largest source. */
export function TransferSources({ peers }: { peers: PeerRate[] }) {
  if (peers.length === 0) return <p className="muted">No source yet.</p>
  const max = Math.max(...peers.map((p) => p.bytesReceived), 1)
  return (
    <ul className="sources" data-testid="sources">
      {peers.map((p) => (
        <li key={p.peerId} className={p.dropped ? 'dropped' : ''} data-testid="source" data-peer-id={p.peerId}>
          <code title={`${p.peerId} @ ${p.address}`}>{shortId(p.peerId, 10, 4)}</code>
          <div className="source-bar">
            <div style={{ width: `${(p.bytesReceived / max) * 100}%` }} />
          </div>
          <span className="muted">
            {formatBytes(p.bytesReceived)} · {formatRate(p.bytesPerSecond)} · rtt {formatMs(p.rttMs)}
            {p.dropped ? ' · dropped' : ''}
          </span>
        </li>
      ))}
    </ul>
  )
}
