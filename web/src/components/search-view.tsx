'use client'
import type { SearchEvent, SearchResultView } from '@netswarm/gateway'
import { type FormEvent, useEffect, useRef, useState } from 'react'
import { type ConsoleError, toConsoleError } from '../lib/errors.ts'
import { formatBytes, shortId } from '../lib/format.ts'
import { gatewayPath } from '../trpc/client.ts'
import { useConsole } from './console-context.tsx'
import { ErrorMessage } from './error-message.tsx'

/** Pause after the last keystroke before a type-ahead query. */
const TYPE_AHEAD_MS = 300

interface Query {
  q: string
  /** Type-ahead: the last word may be the start of a longer one. */
  prefix: boolean
  round: number
}

/**
 * Search box over the public files of the whole swarm: results stream in as peers answer,
 * merged by CID and ranked (all words, then name matches, then more providers); each opens in
 * a new tab or downloads in one click, through this peer's gateway.
 */
export function SearchView() {
  const { client, peer } = useConsole()
  const [text, setText] = useState('')
  const [query, setQuery] = useState<Query>()
  const [results, setResults] = useState<Map<string, SearchResultView>>(new Map())
  const [state, setState] = useState<'idle' | 'searching' | 'done'>('idle')
  const [error, setError] = useState<ConsoleError>()

  // Type-ahead: a pause in typing runs the query with the last word as a prefix.
  const typeAhead = useRef<ReturnType<typeof setTimeout>>(undefined)
  useEffect(() => {
    const q = text.trim()
    if (q.length < 2) return
    typeAhead.current = setTimeout(
      () => setQuery((p) => ({ q, prefix: true, round: (p?.round ?? 0) + 1 })),
      TYPE_AHEAD_MS,
    )
    return () => clearTimeout(typeAhead.current)
  }, [text])

  useEffect(() => {
    if (!query) return
    setResults(new Map())
    setError(undefined)
    setState('searching')
    const sub = client.search.query.subscribe(
      { q: query.q, prefix: query.prefix },
      {
        onData: (event: SearchEvent) => {
          if (event.type === 'done') {
            setState('done')
            sub.unsubscribe()
            return
          }
          // A CID seen again carries more providers: the newest copy replaces the old one.
          setResults((m) => new Map(m).set(event.result.cid, event.result))
        },
        onError: (err) => {
          setError(toConsoleError(err))
          setState('done')
        },
      },
    )
    return () => sub.unsubscribe()
  }, [client, query])

  const submit = (e: FormEvent) => {
    e.preventDefault()
    // Enter runs the whole-word query now; the type-ahead of the same text would only replace it.
    clearTimeout(typeAhead.current)
    setQuery((p) => ({ q: text, prefix: false, round: (p?.round ?? 0) + 1 }))
  }

  const ranked = [...results.values()].sort((a, b) => b.score - a.score || a.name.localeCompare(b.name))
  const base = gatewayPath(peer)
  return (
    <section>
      <h1>Search the swarm</h1>
      <form className="row" onSubmit={submit} aria-label="Search">
        <input
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="Words of a file's name, tags or description"
          aria-label="Search public files"
          data-testid="search-input"
          maxLength={200}
          // biome-ignore lint/a11y/noAutofocus: the page exists to type in this box
          autoFocus
        />
        <button type="submit" data-testid="search-submit">
          Search
        </button>
      </form>
      <p
        className="muted"
        data-testid="search-status"
        data-state={state}
        data-query={query?.q}
        data-prefix={query ? String(query.prefix) : undefined}
      >
        {state === 'searching'
          ? `Searching… ${ranked.length} found so far`
          : state === 'done'
            ? `${ranked.length} public file${ranked.length === 1 ? '' : 's'} found`
            : 'Only files their owners marked public are found.'}
      </p>
      <ErrorMessage error={error} />
      {ranked.length > 0 && (
        <div className="table-wrap">
          <table data-testid="search-results">
            <thead>
              <tr>
                <th>Name</th>
                <th>Size</th>
                <th className="hide-sm">Type</th>
                <th>Providers</th>
                <th className="hide-sm">CID</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {ranked.map((r) => (
                <tr key={r.cid} data-testid="search-result" data-cid={r.cid} data-name={r.name}>
                  <td>
                    <div>{r.name}</div>
                    {(r.tags.length > 0 || r.description) && (
                      <div className="muted small">
                        {r.tags.map((t) => `#${t}`).join(' ')} {r.description}
                      </div>
                    )}
                    {!r.matchedAll && <span className="badge">partial match</span>}
                  </td>
                  <td>{formatBytes(r.size)}</td>
                  <td className="hide-sm">{r.mediaType}</td>
                  <td data-testid="result-providers">{r.providers.length}</td>
                  <td className="hide-sm mono" title={r.cid}>
                    {shortId(r.cid)}
                  </td>
                  <td className="actions">
                    <a href={`${base}/f/${r.cid}`} target="_blank" rel="noreferrer" data-testid="open-result">
                      Open
                    </a>{' '}
                    <a href={`${base}/f/${r.cid}?download`} download={r.name} data-testid="download-result">
                      Download
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
