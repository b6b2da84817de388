import { Bitfield } from '../../src/scheduler/bitfield.ts'
import {
  type FetchCommand,
  type FetchEvent,
  FetchSession,
  type FetchSessionInit,
} from '../../src/scheduler/fetch-session.ts'

/**
 * A tiny discrete-event network in virtual time for the fetch scheduler. Each simulated peer is a
 * FIFO link of fixed bandwidth and RTT: a request reaches it after rtt/2, waits for the link,
 * occupies it for size/bandwidth, and the chunk arrives rtt/2 later. No timers, no sockets.
 */
export interface SimPeer {
  id: string
  /** Link bandwidth in bytes per millisecond (1 byte/ms = 1 kB/s; 125 = 1 Mbit/s). */
  bytesPerMs: number
  rttMs: number
  /** Chunks this peer has; all when undefined. */
  has?: number[]
  /** Chunks it serves with wrong bytes. */
  lies?: (chunk: number) => boolean
  /** Virtual time at which its connection drops. */
  disconnectAt?: number
  /** After serving this many chunks it stops answering (stall). */
  stallAfter?: number
  /** When it joins the download. @default 0 */
  joinAt?: number
}

interface Queued {
  peer: SimPeer
  chunk: number
  cancelled: boolean
}

interface Scheduled {
  at: number
  seq: number
  run: () => void
}

export interface SimResult {
  session: FetchSession
  finishedAt: number | undefined
  commands: Array<{ at: number; command: FetchCommand }>
  events: FetchEvent[]
  /** Chunks delivered (verified or not) by each peer. */
  served: Map<string, number>
  /** Every (peer, chunk) whose bytes were accepted as verified. */
  accepted: Array<{ peer: string; chunk: number }>
  /** Assertion failures observed while running (checked after every advance). */
  violations: string[]
}

export function runSim(options: {
  peers: SimPeer[]
  init: FetchSessionInit
  tickMs?: number
  untilMs?: number
}): SimResult {
  const { peers, init } = options
  const tickMs = options.tickMs ?? 50
  const untilMs = options.untilMs ?? 600_000
  const session = new FetchSession(init)
  const queue: Scheduled[] = []
  let seq = 0
  let now = 0
  const schedule = (at: number, run: () => void) => {
    queue.push({ at, seq: seq++, run })
    queue.sort((a, b) => a.at - b.at || a.seq - b.seq)
  }
  const result: SimResult = {
    session,
    finishedAt: undefined,
    commands: [],
    events: [],
    served: new Map(),
    accepted: [],
    violations: [],
  }
  const linkFreeAt = new Map<string, number>()
  const inflight = new Map<string, Queued>()
  const gone = new Set<string>()
  const byId = new Map(peers.map((p) => [p.id, p]))

  const feed = (event: FetchEvent) => {
    result.events.push(event)
    const commands = session.advance(event)
    for (const command of commands) {
      result.commands.push({ at: now, command })
      execute(command)
    }
    for (const view of session.peers()) {
      if (
        view.outstanding > view.pipelineDepth &&
        commands.some((c) => c.type === 'request-chunk' && c.peer === view.peer)
      ) {
        result.violations.push(`${view.peer} has ${view.outstanding} outstanding over depth ${view.pipelineDepth}`)
      }
    }
    if (event.type === 'chunk-received' && event.verified)
      result.accepted.push({ peer: event.peer, chunk: event.chunk })
  }

  const execute = (command: FetchCommand) => {
    if (command.type === 'done') {
      result.finishedAt ??= now
      return
    }
    if (command.type === 'cancel-request') {
      const q = inflight.get(`${command.peer}/${command.chunk}`)
      if (q) q.cancelled = true
      return
    }
    if (command.type === 'drop-peer') {
      gone.add(command.peer)
      return
    }
    if (command.type !== 'request-chunk') return
    const peer = byId.get(command.peer)
    if (!peer || gone.has(peer.id)) return
    const q: Queued = { peer, chunk: command.chunk, cancelled: false }
    inflight.set(`${peer.id}/${command.chunk}`, q)
    const size = init.chunkSizes[command.chunk]
    const arrive = now + peer.rttMs / 2
    schedule(arrive, () => {
      if (q.cancelled || gone.has(peer.id)) return
      const served = result.served.get(peer.id) ?? 0
      if (peer.stallAfter !== undefined && served >= peer.stallAfter) return
      const start = Math.max(now, linkFreeAt.get(peer.id) ?? 0)
      const end = start + size / peer.bytesPerMs
      linkFreeAt.set(peer.id, end)
      result.served.set(peer.id, served + 1)
      schedule(end + peer.rttMs / 2, () => {
        inflight.delete(`${peer.id}/${q.chunk}`)
        if (gone.has(peer.id)) return
        // A cancelled request that was already on the wire still arrives; the session ignores it.
        const verified = !(peer.lies?.(q.chunk) ?? false)
        feed({ type: 'chunk-received', peer: peer.id, chunk: q.chunk, bytes: size, verified, now })
      })
    })
  }

  for (const peer of peers) {
    schedule(peer.joinAt ?? 0, () => {
      feed({ type: 'peer-found', peer: peer.id, now, rttMs: peer.rttMs })
      let has: Bitfield | 'all' = 'all'
      if (peer.has) {
        has = new Bitfield(init.chunkSizes.length)
        for (const c of peer.has) has.set(c)
      }
      feed({ type: 'bitfield', peer: peer.id, has, now })
    })
    if (peer.disconnectAt !== undefined) {
      schedule(peer.disconnectAt, () => {
        if (gone.has(peer.id)) return
        gone.add(peer.id)
        feed({ type: 'peer-disconnected', peer: peer.id, now })
      })
    }
  }
  const tick = () => {
    if (result.finishedAt !== undefined) return
    feed({ type: 'tick', now })
    if (now + tickMs <= untilMs) schedule(now + tickMs, tick)
  }
  schedule(tickMs, tick)

  while (queue.length > 0 && result.finishedAt === undefined) {
    const next = queue.shift() as Scheduled
    now = next.at
    next.run()
  }
  return result
}

/** `n` chunks of `size` bytes each. */
export function uniformChunks(n: number, size: number): number[] {
  return Array.from({ length: n }, () => size)
}

/** Counts requests sent to each peer. */
export function requestsByPeer(result: SimResult): Map<string, number> {
  const counts = new Map<string, number>()
  for (const { command } of result.commands) {
    if (command.type === 'request-chunk') counts.set(command.peer, (counts.get(command.peer) ?? 0) + 1)
  }
  return counts
}
