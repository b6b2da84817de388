'use client'
import { useSearchParams } from 'next/navigation'
import { type FormEvent, useEffect, useState } from 'react'
import { formatBytes, formatRate, percent } from '../lib/format.ts'
import { useQuery } from '../lib/hooks.ts'
import { gatewayPath } from '../trpc/client.ts'
import { useConsole } from './console-context.tsx'
import { ErrorMessage } from './error-message.tsx'
import { ProgressBar } from './progress-bar.tsx'
import { Sparkline } from './sparkline.tsx'
import { TransferSources } from './transfer-sources.tsx'

/** Paste a share link, netswarm:// link or CID: see the file, fetch it here, watch it arrive, download. */
export function OpenLink() {
  const params = useSearchParams()
  const [text, setText] = useState(params.get('link') ?? '')
  const [link, setLink] = useState(params.get('link') ?? '')
  const onSubmit = (e: FormEvent) => {
    e.preventDefault()
    setLink(text.trim())
  }
  return (
    <section>
      <h1>Open a link</h1>
      <form className="row" onSubmit={onSubmit}>
        <input
          className="grow mono"
          placeholder="http://host:port/f/<cid>, netswarm://<cid> or a CID"
          value={text}
          onChange={(e) => setText(e.target.value)}
          data-testid="link-input"
          aria-label="Share link or CID"
        />
        <button type="submit" disabled={!text.trim()} data-testid="link-open">
          Open
        </button>
      </form>
      {link && <LinkedFile key={link} link={link} />}
    </section>
  )
}

function LinkedFile({ link }: { link: string }) {
  const { client, peer, fetches, startFetch } = useConsole()
  const info = useQuery(() => client.files.info.query({ cid: link }), [client, link])
  const d = info.data
  const tracked = d ? fetches.get(d.cid) : undefined
  const progress = tracked?.progress
  const done = progress?.state === 'done' || (d?.local && d.chunksLocal >= d.chunks)
  const finished = progress?.state === 'done'
  const reload = info.reload
  // Once the fetch is done, the file's facts (chunks here, providers) changed: read them again.
  useEffect(() => {
    if (finished) reload()
  }, [finished, reload])
  return (
    <div className="panel" data-testid="linked-file">
      <ErrorMessage error={info.error} onRetry={info.reload} />
      {!d && !info.error && <p className="muted">Searching the swarm for this file…</p>}
      {d && (
        <>
          <h2 data-testid="linked-name">{d.name}</h2>
          <p>
            <span data-testid="linked-size">{formatBytes(d.size)}</span> · {d.mediaType} · {d.replication} provider
            {d.replication === 1 ? '' : 's'} ·{' '}
            {d.local ? `${d.chunksLocal}/${d.chunks} chunks on this peer` : 'not on this peer yet'}
          </p>
          <div className="row wrap-row">
            <button
              type="button"
              onClick={() => startFetch(d.cid, true)}
              disabled={progress !== undefined && progress.state !== 'failed' && progress.state !== 'done'}
              data-testid="fetch"
            >
              Fetch to this peer
            </button>
            <a
              className={done ? 'button' : 'button ghost'}
              href={`${gatewayPath(peer)}/f/${d.cid}?download`}
              download={d.name}
              data-testid="download"
            >
              Download{done ? '' : ' (streams while fetching)'}
            </a>
          </div>
          {tracked && (
            <div className="fetch" data-testid="fetch-progress" data-state={progress?.state ?? 'starting'}>
              <div className="row">
                <span className={`badge ${progress?.state ?? ''}`}>{progress?.state ?? 'starting'}</span>
                <span data-testid="fetch-percent">
                  {progress ? percent(progress.bytesReceived, progress.bytesTotal) : 0}%
                </span>
                <span className="muted">
                  {progress
                    ? `${formatBytes(progress.bytesReceived)} of ${formatBytes(progress.bytesTotal)} · ${formatRate(progress.bytesPerSecond)} · ${progress.sources} sources`
                    : ''}
                </span>
              </div>
              <ProgressBar
                value={progress ? percent(progress.bytesReceived, progress.bytesTotal) : 0}
                state={progress?.state}
              />
              <Sparkline samples={tracked.speeds} width={320} />
              <TransferSources peers={progress?.peers ?? []} />
              <ErrorMessage error={tracked.error} onRetry={() => startFetch(d.cid, true)} />
              {progress?.error && <p className="error">{progress.error}</p>}
            </div>
          )}
        </>
      )}
    </div>
  )
}
