import assert from 'node:assert/strict'
import { test } from 'node:test'
import { CoordinateLatency } from '../src/latency.ts'
import { Rng } from '../src/rng.ts'
import { SimClock } from '../src/sim-clock.ts'
import { SimNetwork, SimTimeoutError } from '../src/sim-network.ts'

test('the Rng is deterministic per seed and forks independent streams', () => {
  const a = new Rng(1)
  const b = new Rng(1)
  assert.deepEqual(a.bytes(16), b.bytes(16))
  assert.notDeepEqual(new Rng(1).bytes(16), new Rng(2).bytes(16))
  const x = new Rng(9).int(10)
  assert.ok(x >= 0 && x < 10)
})

test('coordinate latency stays within 5–300 ms and is symmetric', () => {
  const model = new CoordinateLatency(new Rng(3))
  for (let i = 0; i < 50; i++) model.place(i)
  for (let i = 0; i < 50; i++) {
    for (let j = 0; j < 50; j++) {
      const r = model.rttMs(i, j)
      assert.ok(r >= 5 && r <= 300)
      assert.equal(r, model.rttMs(j, i))
    }
  }
})

test('a request takes one RTT; a dead node makes it time out', async () => {
  const clock = new SimClock()
  const net = new SimNetwork<string, string>(clock, { rttMs: () => 40 })
  const a = net.addNode()
  const b = net.addNode((from, req) => `${req} from ${from}`)
  const reply = net.request(a, b, 'hi', { timeoutMs: 1000 })
  await clock.runUntilIdle()
  assert.deepEqual(await reply, { response: `hi from ${a}`, rttMs: 40 })
  net.kill(b)
  const lost = net.request(a, b, 'hi', { timeoutMs: 1000 })
  const outcome = lost.then(
    () => 'answered',
    (err) => err,
  )
  await clock.runUntilIdle()
  assert.ok((await outcome) instanceof SimTimeoutError)
  assert.equal(clock.now(), 1040)
})
