'use client'
import { type FormEvent, useState } from 'react'
import { useConsole } from './console-context.tsx'

/** Modal asking for the gateway's bearer token; the console server checks it before keeping it. */
export function TokenPrompt() {
  const { promptOpen, promptReason, submitToken, closePrompt, peer, gateways } = useConsole()
  const [value, setValue] = useState('')
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<string | undefined>()
  if (!promptOpen) return null

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setMessage(undefined)
    try {
      const status = await submitToken(value)
      if (status === 'wrong') setMessage('The gateway refused this token. Check it and try again.')
      else if (status === 'unreachable') setMessage('The gateway cannot be reached right now; retry in a moment.')
      else if (status === 'missing') setMessage('Enter a token.')
      else setValue('')
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="modal-backdrop" role="presentation">
      <form
        className="modal"
        role="dialog"
        aria-labelledby="token-title"
        data-testid="token-prompt"
        onSubmit={onSubmit}
      >
        <h2 id="token-title">Gateway token</h2>
        <p className="muted">
          {promptReason === 'wrong'
            ? 'The token this console had was refused. '
            : `Peer ${peer} (${gateways[peer]}) needs a token for uploads, pins and fetches. `}
          <code>netswarm node</code> and <code>npm start</code> print it when the peer starts.
        </p>
        <label className="field">
          <span>Token</span>
          <input
            type="password"
            name="token"
            autoComplete="off"
            // biome-ignore lint/a11y/noAutofocus: the dialog exists only to take this value
            autoFocus
            value={value}
            onChange={(e) => setValue(e.target.value)}
            data-testid="token-input"
          />
        </label>
        {message && (
          <p className="error" role="alert" data-testid="token-error">
            {message}
          </p>
        )}
        <div className="row end">
          <button type="button" className="ghost" onClick={closePrompt}>
            Browse read-only
          </button>
          <button type="submit" disabled={busy || !value.trim()} data-testid="token-submit">
            {busy ? 'Checking…' : 'Use token'}
          </button>
        </div>
      </form>
    </div>
  )
}
