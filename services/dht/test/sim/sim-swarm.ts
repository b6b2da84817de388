/**
 * A whole DHT on the simulator: N {@link DhtNode}s on a {@link SimNetwork} with coordinate-based
 * latency and a simulated clock. Used by the sim tests and by bench/dht.ts.
 */
import { CoordinateLatency, Rng, SimClock, SimNetwork } from '@netswarm/sim'
import { compareBytes, compareDistance, type Key, keyEquals } from '../../src/kademlia/key.ts'
import type { LookupResult } from '../../src/kademlia/lookup.ts'
import { DhtNode } from '../../src/node.ts'
import type { DhtRequest, DhtResponse } from '../../src/rpc/messages.ts'
import type { DhtTransport } from '../../src/transport.ts'

/** Options of {@link createSimSwarm}. */
export interface SimSwarmInit {
  nodes: number
  seed: number
  latencyAware: boolean
  k?: number
  alpha?: number
  /** @default 1000 (RTTs are at most 300 ms) */
  requestTimeoutMs?: number
  /** Candidates offered per large bucket when building tables (as if heard over time). @default 100 */
  offersPerBucket?: number
  /** Node IDs to use (e.g. hashes of keys the test holds); random from the seed when absent. */
  ids?: Key[]
}

/** One lookup's figures. */
export interface LookupSample {
  hops: number
  timeMs: number
  messages: number
  success: boolean
}

export interface SimSwarm {
  clock: SimClock
  net: SimNetwork<DhtRequest, DhtResponse>
  nodes: DhtNode[]
  ids: Key[]
  rng: Rng
  /** The true k closest live nodes to `target` other than `exclude`, by brute force over the sorted IDs. */
  trueClosest(target: Key, k: number, exclude?: number): number[]
  /** Kills a random `fraction` of nodes without warning. */
  kill(fraction: number): void
  alive(i: number): boolean
  /** Runs `count` lookups of random keys from random live nodes, staggered in simulated time. */
  runLookups(count: number, rng: Rng): Promise<LookupSample[]>
}

/** Builds the swarm; routing tables are filled by offering each node contacts it would have heard of. */
export function createSimSwarm(init: SimSwarmInit): SimSwarm {
  const rng = new Rng(init.seed)
  const clock = new SimClock()
  const latency = new CoordinateLatency(rng.fork())
  const net = new SimNetwork<DhtRequest, DhtResponse>(clock, latency)
  const k = init.k ?? 20
  const idRng = rng.fork()
  const ids: Key[] = []
  const nodes: DhtNode[] = []
  for (let i = 0; i < init.nodes; i++) {
    latency.place(i)
    const random = idRng.bytes(32)
    ids.push(init.ids?.[i] ?? random)
  }
  for (let i = 0; i < init.nodes; i++) {
    const self = i
    net.addNode((from, request) =>
      nodes[self].handleRequest({ id: ids[from], addresses: [String(from)], rttMs: net.rttMs(self, from) }, request),
    )
    const transport: DhtTransport = {
      async request(contact, request, options) {
        const to = Number(contact.addresses[0])
        // The simulator's "authentication": the node at that address must own the ID.
        if (!(to >= 0 && to < ids.length) || !keyEquals(ids[to], contact.id)) throw new Error('peer ID mismatch')
        return net.request(self, to, request, { timeoutMs: options.timeoutMs })
      },
      async dial(address, options) {
        const to = Number(address)
        const reply = await net.request(self, to, { type: 'PING' }, { timeoutMs: options.timeoutMs })
        return { id: ids[to], addresses: [address], rttMs: reply.rttMs }
      },
    }
    nodes.push(
      new DhtNode(
        { clock, transport, randomBytes: (n) => rng.bytes(n) },
        {
          id: ids[i],
          addresses: [String(i)],
          k,
          alpha: init.alpha ?? 3,
          latencyAware: init.latencyAware,
          requestTimeoutMs: init.requestTimeoutMs ?? 1000,
          maxPerHostPerBucket: Number.POSITIVE_INFINITY,
          rateLimit: { ratePerSecond: 1000, burst: 1000 },
        },
      ),
    )
  }

  // Sorted order of IDs: every key prefix is a contiguous range of it.
  const order = ids.map((_, i) => i).sort((a, b) => compareBytes(ids[a], ids[b]))
  const sorted = order.map((i) => ids[i])
  const prefixRange = (key: Key, bits: number): [number, number] => {
    const lo = new Uint8Array(32)
    const hi = new Uint8Array(32).fill(0xff)
    for (let b = 0; b < bits; b++) {
      const byte = b >> 3
      const mask = 0x80 >> (b & 7)
      if (key[byte] & mask) lo[byte] |= mask
      else hi[byte] &= ~mask
    }
    return [lowerBound(sorted, lo), upperBound(sorted, hi)]
  }

  const offers = init.offersPerBucket ?? 100
  const buildRng = rng.fork()
  for (let i = 0; i < init.nodes; i++) {
    const node = nodes[i]
    for (let b = 0; b < 256; b++) {
      const [sLo, sHi] = prefixRange(ids[i], b)
      if (sHi - sLo <= 1) break
      const flipped = new Uint8Array(ids[i])
      flipped[b >> 3] ^= 0x80 >> (b & 7)
      const [lo, hi] = prefixRange(flipped, b + 1)
      const size = hi - lo
      if (size === 0) continue
      const picks: number[] = []
      if (size <= offers) for (let j = lo; j < hi; j++) picks.push(order[j])
      else for (let j = 0; j < offers; j++) picks.push(order[lo + buildRng.int(size)])
      buildRng.shuffle(picks)
      for (const j of picks) {
        node.table.add({ id: ids[j], addresses: [String(j)], rttMs: latency.rttMs(i, j), lastSeen: 0 }, 0)
      }
    }
  }

  const trueClosest = (target: Key, count: number, exclude?: number): number[] => {
    const liveIn = (bits: number): number[] => {
      const [lo, hi] = prefixRange(target, bits)
      const live: number[] = []
      for (let j = lo; j < hi; j++) if (net.isAlive(order[j]) && order[j] !== exclude) live.push(order[j])
      return live
    }
    // The deepest prefix whose range holds `count` nodes at all (ranges shrink as bits grow)...
    let lo = 0
    let hi = 256
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      const [a, b] = prefixRange(target, mid)
      if (b - a >= count) lo = mid
      else hi = mid - 1
    }
    // ...then widen until it holds `count` live ones.
    let bits = lo
    let members = liveIn(bits)
    while (members.length < count && bits > 0) members = liveIn(--bits)
    members.sort((a, b) => compareDistance(target, ids[a], ids[b]))
    return members.slice(0, count)
  }

  return {
    clock,
    net,
    nodes,
    ids,
    rng,
    trueClosest,
    alive: (i) => net.isAlive(i),
    kill(fraction) {
      const victims = rng.shuffle(ids.map((_, i) => i)).slice(0, Math.floor(fraction * ids.length))
      for (const v of victims) net.kill(v)
    },
    async runLookups(count, lookupRng) {
      const samples: LookupSample[] = []
      const live = ids.map((_, i) => i).filter((i) => net.isAlive(i))
      for (let n = 0; n < count; n++) {
        const origin = live[lookupRng.int(live.length)]
        const target = lookupRng.bytes(32)
        // Staggered starts: lookups overlap a little, as on a live network.
        clock.setTimeout(() => {
          const node = nodes[origin]
          const t0 = clock.now()
          const sent0 = node.stats.messagesSent
          node.lookup(target).then((result: LookupResult) => {
            // A lookup returns the k closest *other* peers: the origin is never in its own result.
            const expected = trueClosest(target, k, origin)
            const got = new Set(result.closest.map((c) => c.addresses[0]))
            samples.push({
              hops: result.hops,
              timeMs: clock.now() - t0,
              messages: node.stats.messagesSent - sent0,
              success: expected.every((e) => got.has(String(e))),
            })
          })
        }, n * 20)
      }
      await clock.runUntilIdle()
      return samples
    },
  }
}

function lowerBound(sorted: Key[], key: Key): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (compareBytes(sorted[mid], key) < 0) lo = mid + 1
    else hi = mid
  }
  return lo
}

function upperBound(sorted: Key[], key: Key): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (compareBytes(sorted[mid], key) <= 0) lo = mid + 1
    else hi = mid
  }
  return lo
}
