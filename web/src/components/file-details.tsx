'use client'
import Link from 'next/link'
import { useState } from 'react'
import { toConsoleError } from '../lib/errors.ts'
import { FOLDER_MEDIA_TYPE } from '../lib/folder-upload.ts'
import { formatBytes, shortId } from '../lib/format.ts'
import { useQuery } from '../lib/hooks.ts'
import { gatewayPath } from '../trpc/client.ts'
import { useConsole } from './console-context.tsx'
import { CopyButton } from './copy-button.tsx'
import { ErrorMessage } from './error-message.tsx'
import { QrCode } from './qr-code.tsx'

const MAX_CHUNK_ROWS = 200

/** Everything about one file: share link + QR, download, pin, chunks and who provides them. */
export function FileDetails({ cid, onChanged, onClose }: { cid: string; onChanged: () => void; onClose: () => void }) {
  const { client, peer, askToken } = useConsole()
  const info = useQuery(() => client.files.info.query({ cid }), [client, cid])
  const [busy, setBusy] = useState(false)
  const [actionError, setActionError] = useState<ReturnType<typeof toConsoleError>>()
  const d = info.data

  const setPinned = async (pin: boolean) => {
    setBusy(true)
    setActionError(undefined)
    try {
      await (pin ? client.files.pin.mutate({ cid }) : client.files.unpin.mutate({ cid }))
      info.reload()
      onChanged()
    } catch (err) {
      const e = toConsoleError(err)
      setActionError(e)
      if (e.needsToken) askToken(e.code === 'FORBIDDEN' ? 'wrong' : 'missing')
    } finally {
      setBusy(false)
    }
  }

  return (
    <aside className="panel" data-testid="file-details">
      <div className="row">
        <h2 className="grow">{d?.name ?? 'File'}</h2>
        <button type="button" className="ghost small" onClick={onClose} aria-label="Close details">
          ✕
        </button>
      </div>
      <ErrorMessage error={info.error ?? actionError} onRetry={info.reload} />
      {!d && !info.error && <p className="muted">Looking the file up…</p>}
      {d && (
        <>
          <dl className="facts">
            <dt>CID</dt>
            <dd>
              <code className="wrap">{d.cid}</code>
            </dd>
            <dt>Size</dt>
            <dd>
              {formatBytes(d.size)} in {d.chunks} chunks ({d.chunksLocal} here)
            </dd>
            <dt>Type</dt>
            <dd>{d.mediaType}</dd>
            <dt>Pinned</dt>
            <dd>{d.pinned ? 'yes' : 'no'}</dd>
            <dt>Replication</dt>
            <dd>{d.replication === 1 ? '1 peer provides it' : `${d.replication} peers provide it`}</dd>
          </dl>
          <div className="share">
            <div className="grow">
              <h3>Share link</h3>
              <div className="row">
                <input
                  className="grow mono"
                  readOnly
                  value={d.link}
                  data-testid="share-link"
                  onFocus={(e) => e.target.select()}
                />
                <CopyButton text={d.link} />
              </div>
              <div className="row wrap-row">
                {d.mediaType === FOLDER_MEDIA_TYPE && (
                  <Link className="button" href={`/p/${peer}/folder/${d.cid}`} data-testid="browse-folder">
                    Browse folder
                  </Link>
                )}
                <a
                  className="button"
                  href={`${gatewayPath(peer)}/f/${d.cid}?download`}
                  download={d.name}
                  data-testid="download"
                >
                  Download
                </a>
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => void setPinned(!d.pinned)}
                  data-testid="pin-toggle"
                >
                  {d.pinned ? 'Unpin' : 'Pin'}
                </button>
              </div>
            </div>
            <QrCode text={d.link} size={128} />
          </div>
          <h3>Providers</h3>
          {d.providers.length === 0 ? (
            <p className="muted">No provider found in the DHT yet.</p>
          ) : (
            <ul className="plain">
              {d.providers.map((p) => (
                <li key={p.peerId}>
                  <code title={p.peerId}>{shortId(p.peerId, 12, 6)}</code>{' '}
                  <span className="muted">
                    {p.addresses.join(', ')} · {p.hops} hop{p.hops === 1 ? '' : 's'}
                  </span>
                </li>
              ))}
            </ul>
          )}
          <h3>Chunks</h3>
          {d.manifest ? (
            <div className="table-wrap chunks">
              <table className="compact">
                <thead>
                  <tr>
                    <th>#</th>
                    <th>CID</th>
                    <th>Offset</th>
                    <th>Size</th>
                  </tr>
                </thead>
                <tbody>
                  {d.manifest.chunks.slice(0, MAX_CHUNK_ROWS).map((c, i) => (
                    <tr key={`${c.cid}-${c.offset}`}>
                      <td>{i}</td>
                      <td>
                        <code title={c.cid}>{shortId(c.cid, 14, 6)}</code>
                      </td>
                      <td>{formatBytes(c.offset)}</td>
                      <td>{formatBytes(c.size)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {d.manifest.chunks.length > MAX_CHUNK_ROWS && (
                <p className="muted">… and {d.manifest.chunks.length - MAX_CHUNK_ROWS} more</p>
              )}
            </div>
          ) : (
            <p className="muted">The manifest is not stored on this peer; fetch the file to see its chunks.</p>
          )}
        </>
      )}
    </aside>
  )
}
