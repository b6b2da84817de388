'use client'
import { type FormEvent, useState } from 'react'
import { type ConsoleError, toConsoleError } from '../lib/errors.ts'
import { ago, shortId } from '../lib/format.ts'
import { useQuery } from '../lib/hooks.ts'
import { gatewayPath } from '../trpc/client.ts'
import { useConsole } from './console-context.tsx'
import { CopyButton } from './copy-button.tsx'
import { ErrorMessage } from './error-message.tsx'

/** Names of this peer, and the versions panel of one name (its own or any pasted link). */
export function NamesView() {
  const { client, peer } = useConsole()
  const names = useQuery(() => client.names.list.query(), [client])
  const [selected, setSelected] = useState<string>()
  const [typed, setTyped] = useState('')
  const [label, setLabel] = useState('')
  const [createError, setCreateError] = useState<ConsoleError>()

  async function create(e: FormEvent) {
    e.preventDefault()
    setCreateError(undefined)
    try {
      const created = await client.names.create.mutate({ label })
      setLabel('')
      names.reload()
      setSelected(created.key)
    } catch (err) {
      setCreateError(toConsoleError(err))
    }
  }

  return (
    <section>
      <h1>Names</h1>
      <p className="muted">A name link always opens the newest version; every version stays open by its CID.</p>
      <ErrorMessage error={names.error} />
      <div className="table-wrap">
        <table data-testid="name-table">
          <thead>
            <tr>
              <th>Label</th>
              <th>Link</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {(names.data ?? []).map((n) => (
              <tr key={n.key} data-testid="name-row" className={selected === n.key ? 'selected' : undefined}>
                <td>{n.label}</td>
                <td>
                  <code title={n.link}>netswarm://name/{shortId(n.key, 10, 6)}</code> <CopyButton text={n.link} />
                </td>
                <td>
                  <button type="button" className="small" onClick={() => setSelected(n.key)}>
                    Versions
                  </button>
                </td>
              </tr>
            ))}
            {names.data?.length === 0 && (
              <tr>
                <td colSpan={3} className="muted center">
                  No names yet: create one below, or run <code>netswarm name create &lt;label&gt;</code>.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <form className="row" onSubmit={create}>
        <input
          value={label}
          onChange={(e) => setLabel(e.target.value)}
          placeholder="new name label"
          aria-label="label"
        />
        <button type="submit" disabled={label.length === 0}>
          Create name
        </button>
      </form>
      <ErrorMessage error={createError} />
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault()
          if (typed.trim()) setSelected(typed.trim())
        }}
      >
        <input
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          placeholder="netswarm://name/… or a name key"
          aria-label="name link"
          data-testid="name-input"
        />
        <button type="submit">Show versions</button>
      </form>
      {selected && <VersionsPanel name={selected} base={gatewayPath(peer)} />}
    </section>
  )
}

/** Every version of a name: date, chunks shared with the version before, message, open links. */
function VersionsPanel({ name, base }: { name: string; base: string }) {
  const { client } = useConsole()
  const history = useQuery((signal) => client.names.history.query({ name }, { signal }), [client, name])
  return (
    <div className="card" data-testid="versions-panel">
      <h3>
        Versions of <code>{shortId(history.data?.key ?? name, 10, 6)}</code>{' '}
        {history.data && (
          <a href={`${base}/n/${history.data.key}`} target="_blank" rel="noreferrer" data-testid="open-newest">
            open newest
          </a>
        )}
      </h3>
      <ErrorMessage error={history.error} />
      {history.data?.complete === false && (
        <p className="muted" data-testid="history-incomplete">
          The version log cannot be fetched right now: only the newest version is listed.
        </p>
      )}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>Version</th>
              <th>Date</th>
              <th>Shared chunks</th>
              <th>Message</th>
              <th>CID</th>
            </tr>
          </thead>
          <tbody>
            {(history.data?.versions ?? []).map((v) => (
              <tr key={v.sequence} data-testid="version-row" data-sequence={v.sequence}>
                <td>{v.sequence}</td>
                <td title={new Date(v.timeMs).toISOString()}>{ago(v.timeMs)}</td>
                <td data-testid="shared">{v.chunks === null ? '—' : `${v.sharedChunks} of ${v.chunks}`}</td>
                <td>{v.message || <span className="muted">—</span>}</td>
                <td>
                  <a
                    href={`${base}/f/${v.cid}`}
                    target="_blank"
                    rel="noreferrer"
                    title={v.cid}
                    data-testid="open-version"
                  >
                    {shortId(v.cid, 10, 4)}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  )
}
