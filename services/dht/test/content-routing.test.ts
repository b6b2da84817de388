/** Provider and mutable records on a 60-node simulated DHT (virtual time: 48 h pass in no time). */
import assert from 'node:assert/strict'
import { generateKeyPairSync } from 'node:crypto'
import { test } from 'node:test'
import { resolveBootstrap } from '../src/bootstrap.ts'
import { ContentRouting } from '../src/content-routing.ts'
import { signRecord } from '../src/kademlia/records.ts'
import { createSimSwarm } from './sim/sim-swarm.ts'

const HOUR = 3600_000

/** Runs `op` while the simulated clock advances until the network is idle. */
async function sim<T>(swarm: ReturnType<typeof createSimSwarm>, op: () => Promise<T>): Promise<T> {
  const result = op()
  await swarm.clock.runUntilIdle()
  return result
}

test('providers are found from elsewhere, expire after 48 h, and survive when republished', async () => {
  const swarm = createSimSwarm({ nodes: 60, seed: 11, latencyAware: true })
  const routing = swarm.nodes.map((n) => new ContentRouting(n))
  const key = new Uint8Array(32).fill(0x42)
  assert.ok((await sim(swarm, () => routing[0].provide(key))) >= 10)
  const find = async (from: number) => {
    const out: string[] = []
    for await (const p of routing[from].findProviders(key, { limit: 3 })) out.push(p.peer.addresses[0])
    return out
  }
  assert.deepEqual(await sim(swarm, () => find(37)), ['0'])

  // 23 h later the holder republishes; at 49 h the records are still there.
  await swarm.clock.advanceTo(23 * HOUR)
  assert.equal(await sim(swarm, () => routing[0].republish()), 1)
  await swarm.clock.advanceTo(49 * HOUR)
  assert.deepEqual(await sim(swarm, () => find(21)), ['0'])

  // Unprovided: nobody republishes, and 48 h later no peer returns it.
  routing[0].unprovide(key)
  await swarm.clock.advanceTo(98 * HOUR)
  assert.equal(await sim(swarm, () => routing[0].republish()), 0)
  for (const n of swarm.nodes) n.providers.expire(swarm.clock.now())
  assert.deepEqual(await sim(swarm, () => find(21)), [])
})

test('the newest valid record wins; forged and stale records are refused', async () => {
  const swarm = createSimSwarm({ nodes: 60, seed: 12, latencyAware: true })
  const routing = swarm.nodes.map((n) => new ContentRouting(n))
  const { publicKey, privateKey } = generateKeyPairSync('ed25519')
  const raw = new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }).subarray(12))
  const v1 = signRecord(privateKey, raw, 1, new TextEncoder().encode('v1'))
  const v2 = signRecord(privateKey, raw, 2, new TextEncoder().encode('v2'))
  assert.ok((await sim(swarm, () => routing[3].putRecord(v2))) >= 10)
  // An older version put later is refused by the peers holding v2 (a peer at the edge of the
  // k closest that never saw v2 may take it, which is why a get reads all k).
  assert.ok((await sim(swarm, () => routing[4].putRecord(v1))) <= 2)
  await assert.rejects(routing[5].putRecord({ ...v2, sequence: 3 }), { code: 'INVALID_ARGUMENT' })
  const got = await sim(swarm, () => routing[50].getRecord(raw))
  assert.equal(got?.sequence, 2)
  assert.equal(await sim(swarm, () => routing[50].getRecord(new Uint8Array(32).fill(1))), undefined)
})

test('bootstrap names resolve to every address; IPs pass through', async () => {
  const resolved = await resolveBootstrap(['localhost:4001', '10.1.2.3:4001', 'no-such-host.invalid:4001'])
  assert.ok(resolved.includes('10.1.2.3:4001'))
  assert.ok(resolved.some((a) => a === '127.0.0.1:4001' || a === '[::1]:4001'))
  assert.ok(!resolved.some((a) => a.includes('invalid')))
})
