import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Rng } from '@netswarm/sim'
import fc from 'fast-check'
import type { Contact } from '../../src/kademlia/contact.ts'
import { compareDistance, keyToHex } from '../../src/kademlia/key.ts'
import { Lookup, type LookupCommand, type LookupResult } from '../../src/kademlia/lookup.ts'
import { RoutingTable } from '../../src/kademlia/routing-table.ts'

function id(n: number): Uint8Array {
  const k = new Uint8Array(32)
  k[0] = n
  return k
}
const c = (n: number, rttMs?: number): Contact => ({ id: id(n), addresses: [String(n)], lastSeen: 0, rttMs })
const queried = (cmds: LookupCommand[]) =>
  cmds.filter((x) => x.type === 'query').map((x) => (x.type === 'query' ? x.contact.id[0] : -1))

test('starts alpha queries at the closest seeds and finishes when the k closest answered', () => {
  const lookup = new Lookup({ target: id(0), k: 2, alpha: 2, latencyAware: false })
  const start = lookup.advance({ type: 'start', seeds: [c(8), c(4), c(2), c(16)], now: 0 })
  assert.deepEqual(queried(start), [2, 4])
  const afterFirst = lookup.advance({ type: 'response', from: id(2), closer: [c(1)], now: 1 })
  assert.deepEqual(queried(afterFirst), [1]) // 1 is now among the 2 closest, 4 still in flight
  assert.deepEqual(lookup.advance({ type: 'response', from: id(4), closer: [], now: 2 }), [])
  const done = lookup.advance({ type: 'response', from: id(1), closer: [], now: 3 })
  assert.equal(done.length, 1)
  const result = (done[0] as { result: LookupResult }).result
  assert.deepEqual(
    result.closest.map((x) => x.id[0]),
    [1, 2],
  )
  assert.equal(result.queried, 3)
  assert.equal(result.hops, 2)
})

test('a failed candidate is skipped and the next closest is queried', () => {
  const lookup = new Lookup({ target: id(0), k: 2, alpha: 1, latencyAware: false })
  assert.deepEqual(queried(lookup.advance({ type: 'start', seeds: [c(1), c(2), c(3)], now: 0 })), [1])
  assert.deepEqual(queried(lookup.advance({ type: 'failure', from: id(1), now: 1 })), [2])
  assert.deepEqual(queried(lookup.advance({ type: 'response', from: id(2), closer: [], now: 2 })), [3])
  const done = lookup.advance({ type: 'response', from: id(3), closer: [], now: 3 })
  assert.equal(done[0].type, 'done')
  assert.equal((done[0] as { result: LookupResult }).result.failed, 1)
})

test('latency-aware: among equally close candidates the fastest goes first; slow queries free their slot', () => {
  // 0x7d and 0x7c share 6 leading bits with target 0x7f.. (same group); 0x20 is in a farther group.
  const target = new Uint8Array(32).fill(0xff)
  target[0] = 0x7f
  const lookup = new Lookup({ target, k: 3, alpha: 1, latencyAware: true })
  const cmds = lookup.advance({ type: 'start', seeds: [c(0x7d, 300), c(0x7c, 20), c(0x20, 1)], now: 0 })
  assert.deepEqual(queried(cmds), [0x7c])
  const q = cmds[0]
  assert.ok(q.type === 'query' && q.slowAfterMs !== undefined && q.slowAfterMs >= 20)
  // The fast one is slow to answer: its slot goes to the next candidate.
  assert.deepEqual(queried(lookup.advance({ type: 'slow', from: id(0x7c), now: 50 })), [0x7d])
})

test('an empty start finishes at once with no result', () => {
  const lookup = new Lookup({ target: id(0) })
  const cmds = lookup.advance({ type: 'start', seeds: [], now: 0 })
  assert.equal(cmds[0].type, 'done')
})

test('with uniformly random IDs in a static network the lookup finds exactly the true k closest', () => {
  // Uniform IDs, as SHA-256 gives: adversarial clusters can hide a node from every table (Kademlia
  // gives no exactness guarantee there), which fast-check's biased byte arrays would build.
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 2 ** 31 }),
      fc.integer({ min: 30, max: 150 }),
      fc.boolean(),
      (seed, n, aware) => {
        const rng = new Rng(seed)
        const ids = Array.from({ length: n }, () => rng.bytes(32))
        const target = rng.bytes(32)
        const k = 8
        const tables = ids.map((me) => {
          const t = new RoutingTable({ self: me, k, maxPerHostPerBucket: Number.POSITIVE_INFINITY })
          for (const other of rng.shuffle([...ids])) t.add({ id: other, addresses: [], lastSeen: 0 }, 0)
          return t
        })
        const index = new Map(ids.map((x, i) => [keyToHex(x), i]))
        const lookup = new Lookup({ target, k, alpha: 3, self: ids[0], latencyAware: aware })
        const pending: Contact[] = []
        const feed = (cmds: LookupCommand[]): LookupResult | undefined => {
          for (const cmd of cmds) {
            if (cmd.type === 'done') return cmd.result
            pending.push(cmd.contact)
          }
          return undefined
        }
        let result = feed(lookup.advance({ type: 'start', seeds: tables[0].closest(target, k), now: 0 }))
        while (!result && pending.length > 0) {
          const next = pending.shift() as Contact
          const table = tables[index.get(keyToHex(next.id)) as number]
          result = feed(lookup.advance({ type: 'response', from: next.id, closer: table.closest(target, k), now: 0 }))
        }
        const expected = ids
          .slice(1)
          .sort((a, b) => compareDistance(target, a, b))
          .slice(0, k)
        assert.deepEqual(
          result?.closest.map((x) => keyToHex(x.id)),
          expected.map(keyToHex),
          `seed ${seed}`,
        )
      },
    ),
    { numRuns: 60 },
  )
})
