import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { selectKept } from '../src/names/retention.ts'

const DAY = 24 * 60 * 60 * 1000
const NOW = Date.UTC(2026, 10, 26, 12, 0, 0)

test('keep-last keeps the newest N; the newest is always kept', () => {
  const versions = [1, 2, 3, 4, 5].map((sequence) => ({ sequence, timeMs: NOW - (5 - sequence) * 1000 }))
  assert.deepEqual([...selectKept(versions, { keepLast: 2, keepDaily: 0 }, NOW)].sort(), [4, 5])
  assert.deepEqual([...selectKept(versions, { keepLast: 0, keepDaily: 0 }, NOW)], [5])
  assert.deepEqual([...selectKept([], { keepLast: 3, keepDaily: 3 }, NOW)], [])
})

test('keep-daily keeps the newest version of each of the last M UTC days', () => {
  const at = (daysAgo: number, hour: number) => Date.UTC(2026, 10, 26 - daysAgo, hour)
  const versions = [
    { sequence: 1, timeMs: at(5, 9) }, // outside a 3-day window
    { sequence: 2, timeMs: at(2, 8) },
    { sequence: 3, timeMs: at(2, 20) }, // newest of two days ago
    { sequence: 4, timeMs: at(1, 10) }, // only one yesterday
    { sequence: 5, timeMs: at(0, 1) },
    { sequence: 6, timeMs: at(0, 11) }, // newest today
  ]
  assert.deepEqual([...selectKept(versions, { keepLast: 0, keepDaily: 3 }, NOW)].sort(), [3, 4, 6])
  assert.deepEqual([...selectKept(versions, { keepLast: 2, keepDaily: 3 }, NOW)].sort(), [3, 4, 5, 6])
})

test('properties: kept is a subset, holds the newest, the N newest, one per recent day at most', () => {
  fc.assert(
    fc.property(
      fc.uniqueArray(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 40 }),
      fc.array(fc.integer({ min: 0, max: 20 * DAY }), { minLength: 40, maxLength: 40 }),
      fc.nat({ max: 10 }),
      fc.nat({ max: 10 }),
      (sequences, ages, keepLast, keepDaily) => {
        const versions = sequences.map((sequence, i) => ({ sequence, timeMs: NOW - ages[i] }))
        const kept = selectKept(versions, { keepLast, keepDaily }, NOW)
        const bySeq = [...sequences].sort((a, b) => b - a)
        assert.ok(kept.has(bySeq[0]))
        for (const s of bySeq.slice(0, keepLast)) assert.ok(kept.has(s))
        for (const s of kept) assert.ok(sequences.includes(s))
        const extra = [...kept].filter((s) => !bySeq.slice(0, Math.max(1, keepLast)).includes(s))
        assert.ok(extra.length <= keepDaily)
      },
    ),
  )
})
