'use client'
import { useQuery } from '../lib/hooks.ts'
import { useConsole } from './console-context.tsx'
import { CopyButton } from './copy-button.tsx'
import { ErrorMessage } from './error-message.tsx'

/** Private files other people shared with this peer's public key (docs/crypto.md). */
export function SharedWithMe() {
  const { client, peer, token } = useConsole()
  const identity = useQuery((signal) => client.private.identity.query(undefined, { signal }), [peer])
  const shared = useQuery((signal) => client.private.shared.query(undefined, { signal }), [peer, token])
  return (
    <section>
      <h2>Shared with me</h2>
      <p className="muted">
        People share private files with this peer&apos;s public key{' '}
        {identity.data && <code data-testid="own-public-key">{identity.data.publicKey}</code>}
        {identity.data && <CopyButton text={identity.data.publicKey} label="Copy key" />}
      </p>
      {shared.error && <ErrorMessage error={shared.error} />}
      {shared.data && shared.data.shared.length === 0 && (
        <p data-testid="shared-empty">Nothing was shared with this peer yet.</p>
      )}
      {shared.data && shared.data.shared.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>Name</th>
                <th>From (signed, peer ID)</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {shared.data.shared.map((s) => (
                <tr key={`${s.cid}-${s.from}`} data-testid="shared-row">
                  <td>{s.name}</td>
                  <td className="muted mono" title={`peer ${s.from}, key ${s.fromPublicKey}`}>
                    {s.from.slice(0, 16)}…
                  </td>
                  <td>
                    <a href={s.link} target="_blank" rel="noreferrer noopener" data-testid="shared-open">
                      Open
                    </a>{' '}
                    <CopyButton text={s.netswarmLink} label="Copy link" />
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
