'use client'
import type { PeerView, TransferSummary } from '@netswarm/gateway'
import { useRef, useState } from 'react'
import { ago, formatBytes, formatRate, percent, shortId } from '../lib/format.ts'
import { useSubscription } from '../lib/hooks.ts'
import { useConsole } from './console-context.tsx'
import { ErrorMessage } from './error-message.tsx'
import { ProgressBar } from './progress-bar.tsx'
import { Sparkline } from './sparkline.tsx'
import { TransferSources } from './transfer-sources.tsx'

const MAX_SAMPLES = 90

/**
 * Every transfer of this peer, live: the gateway pushes the list (`transfers.watch`, SSE) whenever
 * something moved. Speed charts are built from the pushed samples. Per-source figures come with
 * every pushed row, whoever started the transfer (CLI, replication, another tab); a fetch started
 * in this tab shows its own `transfers.fetch` progress instead, which arrives more often.
 */
export function TransfersView() {
  const { client, fetches } = useConsole()
  const [transfers, setTransfers] = useState<TransferSummary[] | undefined>()
  const speeds = useRef(new Map<string, number[]>())
  const [senders, setSenders] = useState<PeerView[]>([])
  const error = useSubscription<TransferSummary[]>(
    (h) => client.transfers.watch.subscribe({ includeFinished: true }, h),
    (list) => {
      for (const t of list) {
        const samples = speeds.current.get(t.transferId) ?? []
        if (t.state !== 'done' && t.state !== 'failed' && t.state !== 'cancelled') samples.push(t.bytesPerSecond)
        speeds.current.set(t.transferId, samples.slice(-MAX_SAMPLES))
      }
      setTransfers(list)
    },
    [client],
  )
  useSubscription<{ peers: PeerView[] }>(
    (h) => client.peers.watch.subscribe(undefined, h),
    ({ peers }) => setSenders(peers.filter((p) => p.bytesInPerSecond > 0 || p.bytesOutPerSecond > 0)),
    [client],
  )
  const sorted = [...(transfers ?? [])].sort((a, b) => b.startedAtMs - a.startedAtMs)
  return (
    <section>
      <h1>Transfers</h1>
      <ErrorMessage error={error} />
      {transfers === undefined && !error && <p className="muted">Connecting…</p>}
      {transfers?.length === 0 && <p className="muted">No transfer yet. Open a link to fetch a file.</p>}
      <ul className="transfers" data-testid="transfers">
        {sorted.map((t) => {
          const pct = percent(t.bytesDone, t.bytesTotal)
          const tracked = fetches.get(t.cid)
          // `fetches` is keyed by CID: only a tracked fetch of this very transfer may stand in for its row.
          const own = tracked?.progress?.transferId === t.transferId ? tracked.progress : undefined
          const samples = speeds.current.get(t.transferId) ?? []
          return (
            <li
              key={t.transferId}
              className="card"
              data-testid="transfer"
              data-cid={t.cid}
              data-state={t.state}
              data-percent={pct}
            >
              <div className="row">
                <strong className="grow">{t.name || shortId(t.cid)}</strong>
                <span className="badge">{t.kind}</span>
                <span className={`badge ${t.state}`}>{t.state}</span>
              </div>
              <div className="row">
                <span className="big-ish" data-testid="transfer-percent">
                  {pct}%
                </span>
                <span className="muted grow">
                  {formatBytes(t.bytesDone)} of {formatBytes(t.bytesTotal)} ·{' '}
                  {t.finishedAtMs ? `finished ${ago(t.finishedAtMs)}` : formatRate(t.bytesPerSecond)} · {t.sources}{' '}
                  source{t.sources === 1 ? '' : 's'}
                </span>
                <Sparkline samples={samples.length >= 2 ? samples : (tracked?.speeds ?? [])} />
              </div>
              <ProgressBar value={pct} state={t.state} label={`transfer of ${t.name}`} />
              {(own || showsSources(t)) && <TransferSources peers={own?.peers ?? t.peers} />}
              {t.error && <p className="error">{t.error}</p>}
            </li>
          )
        })}
      </ul>
      <h2>Peers exchanging data now</h2>
      {senders.length === 0 ? (
        <p className="muted">None at the moment.</p>
      ) : (
        <ul className="plain">
          {senders.map((p) => (
            <li key={p.peerId}>
              <code title={p.peerId}>{shortId(p.peerId, 10, 4)}</code>{' '}
              <span className="muted">
                in {formatRate(p.bytesInPerSecond)} · out {formatRate(p.bytesOutPerSecond)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

/** Downloads list their sources; a finished one with none (all chunks were local) and publishes have nothing to show. */
function showsSources(t: TransferSummary): boolean {
  if (t.kind === 'publish') return false
  return t.peers.length > 0 || t.state === 'resolving' || t.state === 'downloading'
}
