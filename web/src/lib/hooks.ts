'use client'
import { type DependencyList, useCallback, useEffect, useRef, useState } from 'react'
import { type ConsoleError, toConsoleError } from './errors.ts'

/** State of a one-shot call. */
export interface QueryState<T> {
  data: T | undefined
  error: ConsoleError | undefined
  loading: boolean
  /** Runs the call again (keeps showing the old data meanwhile). */
  reload: () => void
}

/** Runs `load` when `deps` change (and on `reload()`); the latest answer wins. */
export function useQuery<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): QueryState<T> {
  const [state, setState] = useState<{ data?: T; error?: ConsoleError; loading: boolean }>({ loading: true })
  const [round, setRound] = useState(0)
  const loadRef = useRef(load)
  loadRef.current = load
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's deps decide when to reload
  useEffect(() => {
    const abort = new AbortController()
    setState((s) => ({ ...s, loading: true }))
    loadRef.current(abort.signal).then(
      (data) => !abort.signal.aborted && setState({ data, loading: false }),
      (err) => !abort.signal.aborted && setState((s) => ({ ...s, error: toConsoleError(err), loading: false })),
    )
    return () => abort.abort()
  }, [...deps, round])
  const reload = useCallback(() => setRound((r) => r + 1), [])
  return { data: state.data, error: state.error, loading: state.loading, reload }
}

/** Something with tRPC's `subscribe(input, handlers)` shape. */
type Subscribe<T> = (handlers: { onData: (value: T) => void; onError: (err: unknown) => void }) => {
  unsubscribe(): void
}

/**
 * Keeps a tRPC subscription open while mounted (and while `deps` stay the same), calling
 * `onData` for every pushed value. Returns the last error, cleared by the next value.
 */
export function useSubscription<T>(
  subscribe: Subscribe<T>,
  onData: (value: T) => void,
  deps: DependencyList,
): ConsoleError | undefined {
  const [error, setError] = useState<ConsoleError | undefined>()
  const onDataRef = useRef(onData)
  onDataRef.current = onData
  const subscribeRef = useRef(subscribe)
  subscribeRef.current = subscribe
  useEffect(() => {
    setError(undefined)
    const sub = subscribeRef.current({
      onData: (value) => {
        setError(undefined)
        onDataRef.current(value)
      },
      onError: (err) => setError(toConsoleError(err)),
    })
    return () => sub.unsubscribe()
  }, [...deps])
  return error
}
