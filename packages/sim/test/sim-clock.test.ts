import assert from 'node:assert/strict'
import { test } from 'node:test'
import { SimClock } from '../src/sim-clock.ts'

test('timers fire in time order, ties in insertion order, and the clock jumps to each', async () => {
  const clock = new SimClock()
  const fired: string[] = []
  clock.setTimeout(() => fired.push(`b@${clock.now()}`), 20)
  clock.setTimeout(() => fired.push(`a@${clock.now()}`), 10)
  clock.setTimeout(() => fired.push(`c@${clock.now()}`), 20)
  const cancelled = clock.setTimeout(() => fired.push('never'), 5)
  clock.clearTimeout(cancelled)
  assert.equal(await clock.runUntilIdle(), 3)
  assert.deepEqual(fired, ['a@10', 'b@20', 'c@20'])
})

test('promise continuations run before the next timer', async () => {
  const clock = new SimClock()
  const order: string[] = []
  const sleep = (ms: number) => new Promise<void>((r) => clock.setTimeout(r, ms))
  void (async () => {
    await sleep(10)
    order.push(`first woke at ${clock.now()}`)
    await sleep(5) // scheduled at 15, before the timer at 20
    order.push(`second woke at ${clock.now()}`)
  })()
  clock.setTimeout(() => order.push(`timer at ${clock.now()}`), 20)
  await clock.runUntilIdle()
  assert.deepEqual(order, ['first woke at 10', 'second woke at 15', 'timer at 20'])
})

test('advanceTo stops at the limit', async () => {
  const clock = new SimClock()
  let fired = 0
  clock.setTimeout(() => fired++, 10)
  clock.setTimeout(() => fired++, 30)
  await clock.advanceTo(20)
  assert.equal(fired, 1)
  assert.equal(clock.now(), 20)
})
