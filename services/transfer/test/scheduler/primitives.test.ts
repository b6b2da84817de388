import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import { Bitfield } from '../../src/scheduler/bitfield.ts'
import { pickEndgameChunk } from '../../src/scheduler/endgame.ts'
import { Ewma } from '../../src/scheduler/peer-stats.ts'
import { PiecePicker } from '../../src/scheduler/piece-picker.ts'
import {
  INITIAL_PIPELINE_DEPTH,
  MAX_PIPELINE_DEPTH,
  MIN_PIPELINE_DEPTH,
  pipelineDepth,
} from '../../src/scheduler/pipeline.ts'
import { createRng } from '../../src/scheduler/rng.ts'

const field = (size: number, chunks: number[]) => {
  const f = new Bitfield(size)
  for (const c of chunks) f.set(c)
  return f
}

describe('Bitfield', () => {
  test('set, clear and count agree with a Set', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.array(fc.tuple(fc.boolean(), fc.nat())), (size, ops) => {
        const f = new Bitfield(size)
        const model = new Set<number>()
        for (const [add, raw] of ops) {
          if (size === 0) break
          const i = raw % size
          if (add) assert.equal(f.set(i), !model.has(i))
          else assert.equal(f.clear(i), model.has(i))
          if (add) model.add(i)
          else model.delete(i)
        }
        assert.equal(f.count, model.size)
        for (let i = 0; i < size; i++) assert.equal(f.has(i), model.has(i))
        assert.deepEqual(new Bitfield(size, f.bytes).bytes, f.bytes)
      }),
    )
  })

  test('rejects spare bits and wrong lengths', () => {
    assert.throws(() => new Bitfield(9, new Uint8Array([0, 0x01])), RangeError)
    assert.throws(() => new Bitfield(9, new Uint8Array([0])), RangeError)
    assert.throws(() => new Bitfield(4).set(4), RangeError)
  })
})

describe('PiecePicker', () => {
  test('rarest first, ties broken by the seeded rank, held chunks never picked', () => {
    const done = field(6, [5])
    const picker = new PiecePicker(done, createRng(1))
    picker.addPeer(field(6, [0, 1, 2, 3, 4, 5]))
    picker.addPeer(field(6, [0, 1, 2, 5]))
    picker.addPeer(field(6, [0, 1, 5]))
    const seeder = Bitfield.full(6)
    const taken = new Set<number>()
    const order: number[] = []
    for (;;) {
      const c = picker.pick(seeder, (i) => taken.has(i))
      if (c === undefined) break
      taken.add(c)
      order.push(c)
    }
    // 3 and 4 (availability 1), then 2 (2), then 0 and 1 (3); 5 is held.
    assert.deepEqual(order.slice(0, 2).sort(), [3, 4])
    assert.equal(order[2], 2)
    assert.deepEqual(order.slice(3).sort(), [0, 1])
  })

  test('the same seed gives the same order, another seed usually another one', () => {
    const order = (seed: number) => {
      const picker = new PiecePicker(new Bitfield(64), createRng(seed))
      const taken = new Set<number>()
      const out: number[] = []
      for (let c = picker.pick(Bitfield.full(64), (i) => taken.has(i)); c !== undefined; ) {
        taken.add(c)
        out.push(c)
        c = picker.pick(Bitfield.full(64), (i) => taken.has(i))
      }
      return out
    }
    assert.deepEqual(order(5), order(5))
    assert.notDeepEqual(order(5), order(6))
  })

  test('a streaming priority window is served in file order first', () => {
    const picker = new PiecePicker(new Bitfield(100), createRng(3))
    picker.setPriority(40)
    const taken = new Set<number>()
    const got: number[] = []
    for (let n = 0; n < 5; n++) {
      const c = picker.pick(Bitfield.full(100), (i) => taken.has(i)) as number
      taken.add(c)
      got.push(c)
    }
    assert.deepEqual(got, [40, 41, 42, 43, 44])
  })
})

describe('pipeline depth and peer stats', () => {
  test('depth follows the bandwidth-delay product within bounds', () => {
    assert.equal(pipelineDepth(undefined, 10, 1000), INITIAL_PIPELINE_DEPTH)
    assert.equal(pipelineDepth(1, 0.1, 1_000_000), MIN_PIPELINE_DEPTH)
    // 10 MB/s * 100 ms = 1 MB = 4 chunks of 256 KiB (rounded up) + 1.
    assert.equal(pipelineDepth(10_000, 100, 262_144), 5)
    assert.equal(pipelineDepth(1e9, 1000, 1), MAX_PIPELINE_DEPTH)
  })

  test('EWMA converges to a steady rate and follows a slowdown', () => {
    const e = new Ewma(0.3)
    for (let i = 0; i < 30; i++) e.update(100)
    assert.ok(Math.abs((e.value ?? 0) - 100) < 1e-6)
    for (let i = 0; i < 10; i++) e.update(10)
    assert.ok((e.value ?? 0) < 15)
  })

  test('endgame duplicates the least-requested, oldest chunk the peer has and was not asked for', () => {
    const inflight = new Map([
      [1, new Map([['a', { sentAt: 5 }]])],
      [2, new Map([['b', { sentAt: 1 }]])],
      [3, new Map([['me', { sentAt: 0 }]])],
      [
        4,
        new Map([
          ['a', { sentAt: 0 }],
          ['b', { sentAt: 0 }],
        ]),
      ],
    ])
    assert.equal(pickEndgameChunk('me', Bitfield.full(5), inflight), 2)
    assert.equal(pickEndgameChunk('me', field(5, [1, 3, 4]), inflight), 1)
    assert.equal(pickEndgameChunk('me', field(5, [3]), inflight), undefined)
    assert.equal(pickEndgameChunk('me', field(5, [4]), inflight, 2), undefined)
  })
})
