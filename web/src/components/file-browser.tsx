'use client'
import type { TransferSummary } from '@netswarm/gateway'
import { useEffect, useRef, useState } from 'react'
import { FOLDER_MEDIA_TYPE } from '../lib/folder-upload.ts'
import { formatBytes, shortId } from '../lib/format.ts'
import { useQuery, useSubscription } from '../lib/hooks.ts'
import { useConsole } from './console-context.tsx'
import { ErrorMessage } from './error-message.tsx'
import { FileDetails } from './file-details.tsx'
import { UploadZone } from './upload-zone.tsx'

const PAGE_SIZE = 20
/** Replication needs a DHT lookup per file: a few at a time, so a page does not flood the DHT. */
const REPLICATION_LOOKUPS = 2

/** Upload zone, the paged list of files on this peer, and the details of the selected one. */
export function FileBrowser() {
  const { client } = useConsole()
  // Cursors of the pages before the current one (tRPC paging is forward-only).
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined])
  const cursor = cursors.at(-1)
  const page = useQuery(() => client.files.list.query({ cursor, limit: PAGE_SIZE }), [client, cursor])
  const [selected, setSelected] = useState<string>()
  const [replication, setReplication] = useState<Record<string, number>>({})

  // Files arrive by fetches too: re-read the page when a transfer ends.
  const activeCount = useRef(-1)
  useSubscription<TransferSummary[]>(
    (h) => client.transfers.watch.subscribe({ includeFinished: false }, h),
    (list) => {
      if (activeCount.current !== -1 && list.length < activeCount.current) page.reload()
      activeCount.current = list.length
    },
    [client],
  )

  const files = page.data?.files ?? []
  const missing = files.filter((f) => replication[f.cid] === undefined).map((f) => f.cid)
  const missingKey = missing.join(',')
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed by the list of CIDs still to look up
  useEffect(() => {
    let live = true
    const queue = [...missing]
    const worker = async () => {
      for (let cid = queue.shift(); cid && live; cid = queue.shift()) {
        const value = await client.files.info.query({ cid }).then(
          (d) => d.replication,
          () => -1,
        )
        if (live) setReplication((r) => ({ ...r, [cid]: value }))
      }
    }
    for (let i = 0; i < REPLICATION_LOOKUPS; i++) void worker()
    return () => {
      live = false
    }
  }, [client, missingKey])

  return (
    <section>
      <h1>Files</h1>
      <UploadZone
        onUploaded={(r) => {
          setReplication(({ [r.cid]: _, ...rest }) => rest)
          page.reload()
          setSelected((s) => s ?? r.cid)
        }}
      />
      <ErrorMessage error={page.error} onRetry={page.reload} />
      <div className={selected ? 'split' : ''}>
        <div className="table-wrap">
          <table data-testid="file-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Size</th>
                <th className="hide-sm">CID</th>
                <th>Pinned</th>
                <th className="hide-sm">Replication</th>
              </tr>
            </thead>
            <tbody>
              {files.map((f) => (
                <tr
                  key={f.cid}
                  className={selected === f.cid ? 'selected clickable' : 'clickable'}
                  onClick={() => setSelected(f.cid)}
                  data-testid="file-row"
                  data-cid={f.cid}
                >
                  <td>
                    <button type="button" className="link">
                      {f.mediaType === FOLDER_MEDIA_TYPE ? `📁 ${f.name || '(no name)'}/` : f.name || '(no name)'}
                    </button>
                    {f.chunksLocal < f.chunks && (
                      <span className="muted">
                        {' '}
                        ({f.chunksLocal}/{f.chunks} chunks)
                      </span>
                    )}
                  </td>
                  <td>{formatBytes(f.size)}</td>
                  <td className="hide-sm">
                    <code title={f.cid}>{shortId(f.cid, 12, 6)}</code>
                  </td>
                  <td>{f.pinned ? <span className="badge done">pinned</span> : <span className="muted">no</span>}</td>
                  <td className="hide-sm">
                    {replication[f.cid] === undefined ? '…' : replication[f.cid] < 0 ? '?' : replication[f.cid]}
                  </td>
                </tr>
              ))}
              {files.length === 0 && !page.loading && (
                <tr>
                  <td colSpan={5} className="muted center">
                    No files on this peer yet. Upload one above.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
          <div className="row pager">
            <button
              type="button"
              className="small ghost"
              disabled={cursors.length < 2}
              onClick={() => setCursors((c) => c.slice(0, -1))}
            >
              ← Previous
            </button>
            <span className="muted">Page {cursors.length}</span>
            <button
              type="button"
              className="small ghost"
              disabled={!page.data?.nextCursor}
              onClick={() => setCursors((c) => [...c, page.data?.nextCursor])}
            >
              Next →
            </button>
          </div>
        </div>
        {selected && (
          <FileDetails key={selected} cid={selected} onChanged={page.reload} onClose={() => setSelected(undefined)} />
        )}
      </div>
    </section>
  )
}
