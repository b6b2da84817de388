/**
 * The real DhtNode/RoutingTable/Lookup code on the simulator: 1,000 nodes with 5–300 ms RTTs.
 * Lookups must find the brute-force k closest, before and after 25% of nodes die unannounced.
 * A failure prints the seed; NETSWARM_SIM_SEED=<seed> replays it.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Rng, simSeed } from '@netswarm/sim'
import { createSimSwarm, type LookupSample } from './sim-swarm.ts'

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]
const rate = (s: LookupSample[]) => s.filter((x) => x.success).length / s.length

test('1,000-node simulation: lookups find the true k closest, also after 25% die', async () => {
  const seed = simSeed()
  const message = `seed ${seed} (replay with NETSWARM_SIM_SEED=${seed})`
  const swarm = createSimSwarm({ nodes: 1000, seed, latencyAware: true })
  const before = await swarm.runLookups(200, new Rng(seed + 1))
  assert.equal(before.length, 200, message)
  assert.ok(rate(before) >= 0.98, `success ${rate(before)}; ${message}`)
  assert.ok(median(before.map((s) => s.hops)) <= 4, message)
  swarm.kill(0.25)
  const after = await swarm.runLookups(200, new Rng(seed + 2))
  assert.ok(rate(after) >= 0.97, `success after kill ${rate(after)}; ${message}`)
})

test('simulated lookups with the same seed replay identically', async () => {
  const run = async () => {
    const swarm = createSimSwarm({ nodes: 300, seed: 42, latencyAware: true })
    return swarm.runLookups(30, new Rng(7))
  }
  assert.deepEqual(await run(), await run())
})
