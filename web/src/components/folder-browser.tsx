'use client'
import type { FolderEntryView } from '@netswarm/gateway'
import Link from 'next/link'
import { useEffect, useState } from 'react'
import { toConsoleError } from '../lib/errors.ts'
import { formatBytes, shortId } from '../lib/format.ts'
import { useQuery } from '../lib/hooks.ts'
import { gatewayPath } from '../trpc/client.ts'
import { useConsole } from './console-context.tsx'
import { ErrorMessage } from './error-message.tsx'

/** Entries read per request; "More" reads the next ones. */
const PAGE_SIZE = 500

function encodePath(segments: readonly string[]): string {
  return segments.map(encodeURIComponent).join('/')
}

/**
 * One folder of a shared folder tree (docs/folders.md): breadcrumbs back up, sub-folders open in
 * place, files open or download through the gateway's `/f/<cid>/path`.
 */
export function FolderBrowser({ cid, path }: { cid: string; path: string[] }) {
  const { client, peer } = useConsole()
  const pathText = path.join('/')
  const first = useQuery(
    (signal) => client.folders.list.query({ cid, path: pathText, limit: PAGE_SIZE }, { signal }),
    [client, cid, pathText],
  )
  // Entries read with "More", after the first page.
  const [extra, setExtra] = useState<{ entries: FolderEntryView[]; nextAfter?: string }>({ entries: [] })
  const [moreError, setMoreError] = useState<ReturnType<typeof toConsoleError>>()
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new first page starts the list again
  useEffect(() => setExtra({ entries: [] }), [first.data])
  const listing = first.data
  const entries = [...(listing?.entries ?? []), ...extra.entries]
  const nextAfter = extra.entries.length > 0 ? extra.nextAfter : listing?.nextAfter
  const loadMore = async () => {
    try {
      const page = await client.folders.list.query({ cid, path: pathText, after: nextAfter, limit: PAGE_SIZE })
      setExtra((e) => ({ entries: [...e.entries, ...page.entries], nextAfter: page.nextAfter }))
    } catch (err) {
      setMoreError(toConsoleError(err))
    }
  }
  const consolePath = (segments: readonly string[]) =>
    `/p/${peer}/folder/${cid}${segments.length > 0 ? `/${encodePath(segments)}` : ''}`
  const fileUrl = (name: string) => `${gatewayPath(peer)}/f/${cid}/${encodePath([...path, name])}`

  return (
    <section data-testid="folder-browser">
      <h1>Folder</h1>
      <nav className="breadcrumbs" data-testid="breadcrumbs">
        <Link href={consolePath([])} data-testid="crumb">
          {listing?.name || shortId(cid, 12, 6)}
        </Link>
        {path.map((segment, i) => (
          <span key={encodePath(path.slice(0, i + 1))}>
            {' / '}
            <Link href={consolePath(path.slice(0, i + 1))} data-testid="crumb">
              {segment}
            </Link>
          </span>
        ))}
      </nav>
      {listing && (
        <p className="muted">
          {entries.length}
          {nextAfter ? '+' : ''} {entries.length === 1 && !nextAfter ? 'entry' : 'entries'} ·{' '}
          {formatBytes(listing.size)} · <code title={listing.folderCid}>{shortId(listing.folderCid, 12, 6)}</code>
        </p>
      )}
      <ErrorMessage error={first.error ?? moreError} onRetry={first.reload} />
      {!listing && !first.error && <p className="muted">Reading the folder…</p>}
      {listing && (
        <div className="table-wrap">
          <table data-testid="folder-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Size</th>
                <th className="hide-sm">Modified</th>
                <th className="hide-sm">Mode</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.name} data-testid="folder-entry" data-kind={entry.kind} data-name={entry.name}>
                  <td>
                    {entry.kind === 'directory' ? (
                      <Link href={consolePath([...path, entry.name])} data-testid="open-folder">
                        📁 {entry.name}/
                      </Link>
                    ) : entry.kind === 'file' ? (
                      <a href={fileUrl(entry.name)} target="_blank" rel="noreferrer" data-testid="open-file">
                        {entry.name}
                      </a>
                    ) : (
                      <span>
                        {entry.name} <code className="muted">→ {entry.target}</code>
                      </span>
                    )}
                  </td>
                  <td>{formatBytes(entry.size)}</td>
                  <td className="hide-sm">{new Date(entry.mtimeMs).toLocaleString()}</td>
                  <td className="hide-sm">
                    <code>{(entry.mode & 0o7777).toString(8).padStart(4, '0')}</code>
                  </td>
                  <td>
                    {entry.kind === 'file' && (
                      <a href={`${fileUrl(entry.name)}?download`} download={entry.name} data-testid="download-file">
                        Download
                      </a>
                    )}
                  </td>
                </tr>
              ))}
              {entries.length === 0 && (
                <tr>
                  <td colSpan={5} className="muted center">
                    This folder is empty.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
          {nextAfter && (
            <button type="button" className="small ghost" onClick={() => void loadMore()} data-testid="folder-more">
              More entries
            </button>
          )}
        </div>
      )}
    </section>
  )
}
