'use client'
import { type ConsoleError, describeError } from '../lib/errors.ts'
import { useConsole } from './console-context.tsx'

/** A gateway error as a sentence, with a button when a token would help. */
export function ErrorMessage({ error, onRetry }: { error: ConsoleError | undefined; onRetry?: () => void }) {
  const { askToken } = useConsole()
  if (!error) return null
  return (
    <div className="error-box" role="alert" data-testid="error" data-code={error.code}>
      <span>{describeError(error)}</span>
      {error.needsToken && (
        <button
          type="button"
          className="small"
          onClick={() => askToken(error.code === 'FORBIDDEN' ? 'wrong' : 'missing')}
        >
          Enter token
        </button>
      )}
      {onRetry && !error.needsToken && (
        <button type="button" className="small ghost" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  )
}
