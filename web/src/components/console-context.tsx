'use client'
import type { FetchProgress } from '@netswarm/gateway'
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react'
import { type ConsoleError, toConsoleError } from '../lib/errors.ts'
import { type GatewayClient, gatewayClient } from '../trpc/client.ts'

/** What the token endpoint of the console server answers. */
export type TokenStatus = 'unknown' | 'not-required' | 'ok' | 'missing' | 'wrong' | 'unreachable'

/** A fetch started from this console, with the speed samples for its chart. */
export interface TrackedFetch {
  cid: string
  progress?: FetchProgress
  /** bytes/s, one sample per progress event (the last 120). */
  speeds: number[]
  error?: ConsoleError
}

export interface ConsoleState {
  peer: number
  gateways: string[]
  client: GatewayClient
  token: TokenStatus
  /** Opens the token prompt (after a 401/403, or from the header button). */
  askToken: (reason?: 'missing' | 'wrong') => void
  promptOpen: boolean
  promptReason: 'missing' | 'wrong' | undefined
  closePrompt: () => void
  /** Sends the token to the console server, which keeps it only if the gateway accepts it. */
  submitToken: (token: string) => Promise<TokenStatus>
  forgetToken: () => Promise<void>
  /** Starts fetching a file into this peer; progress is pushed by `transfers.fetch`. */
  startFetch: (cid: string, pin: boolean) => void
  fetches: ReadonlyMap<string, TrackedFetch>
}

const Context = createContext<ConsoleState | undefined>(undefined)

/** The console's state for one peer; every page reads it with {@link useConsole}. */
export function useConsole(): ConsoleState {
  const state = useContext(Context)
  if (!state) throw new Error('useConsole outside <ConsoleProvider>')
  return state
}

const MAX_SPEED_SAMPLES = 120

export function ConsoleProvider({
  peer,
  gateways,
  children,
}: {
  peer: number
  gateways: string[]
  children: ReactNode
}) {
  const client = useMemo(() => gatewayClient(peer), [peer])
  const [token, setToken] = useState<TokenStatus>('unknown')
  const [promptOpen, setPromptOpen] = useState(false)
  const [promptReason, setPromptReason] = useState<'missing' | 'wrong' | undefined>()
  const [fetches, setFetches] = useState<ReadonlyMap<string, TrackedFetch>>(new Map())
  const subscriptions = useRef(new Map<string, { unsubscribe(): void }>())

  useEffect(() => {
    let live = true
    setToken('unknown')
    fetch(`/console-api/token?peer=${peer}`, { cache: 'no-store' })
      .then((r) => r.json() as Promise<{ status: TokenStatus }>)
      .then(({ status }) => {
        if (!live) return
        setToken(status)
        // Ask at once when the gateway wants a token we do not have (or no longer accepts ours).
        if (status === 'missing' || status === 'wrong') {
          setPromptReason(status)
          setPromptOpen(true)
        }
      })
      .catch(() => live && setToken('unreachable'))
    return () => {
      live = false
    }
  }, [peer])

  useEffect(() => {
    const subs = subscriptions.current
    return () => {
      for (const s of subs.values()) s.unsubscribe()
      subs.clear()
      setFetches(new Map())
    }
  }, [])

  const askToken = useCallback((reason?: 'missing' | 'wrong') => {
    setPromptReason(reason)
    setPromptOpen(true)
  }, [])

  const submitToken = useCallback(
    async (value: string): Promise<TokenStatus> => {
      const res = await fetch('/console-api/token', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ peer, token: value }),
      })
      const { status } = (await res.json()) as { status: TokenStatus }
      if (status === 'ok' || status === 'not-required') {
        setToken(status)
        setPromptOpen(false)
      }
      return status
    },
    [peer],
  )

  const forgetToken = useCallback(async () => {
    await fetch(`/console-api/token?peer=${peer}`, { method: 'DELETE' })
    setToken('missing')
  }, [peer])

  const update = useCallback((cid: string, change: (f: TrackedFetch) => TrackedFetch) => {
    setFetches((old) => {
      const next = new Map(old)
      next.set(cid, change(old.get(cid) ?? { cid, speeds: [] }))
      return next
    })
  }, [])

  const startFetch = useCallback(
    (cid: string, pin: boolean) => {
      subscriptions.current.get(cid)?.unsubscribe()
      update(cid, () => ({ cid, speeds: [] }))
      const sub = client.transfers.fetch.subscribe(
        { cid, pin },
        {
          onData: (progress) =>
            update(cid, (f) => ({
              ...f,
              progress,
              speeds: [...f.speeds, progress.bytesPerSecond].slice(-MAX_SPEED_SAMPLES),
            })),
          onError: (err) => {
            const error = toConsoleError(err)
            update(cid, (f) => ({ ...f, error }))
            if (error.needsToken) askToken(error.code === 'FORBIDDEN' ? 'wrong' : 'missing')
          },
          onComplete: () => subscriptions.current.delete(cid),
        },
      )
      subscriptions.current.set(cid, sub)
    },
    [client, update, askToken],
  )

  const value: ConsoleState = {
    peer,
    gateways,
    client,
    token,
    askToken,
    promptOpen,
    promptReason,
    closePrompt: () => setPromptOpen(false),
    submitToken,
    forgetToken,
    startFetch,
    fetches,
  }
  return <Context.Provider value={value}>{children}</Context.Provider>
}
