/**
 * DHT simulation benchmark (npm run bench:dht): 10,000 nodes on an in-memory network with a
 * simulated clock and coordinate latencies (5–300 ms RTT). 1,000 random lookups before and after
 * killing 25% of nodes without warning, with latency awareness on and off. Baseline for the
 * ratio: the same lookups with latency awareness off (ratio = its median time / latency-aware's).
 * NETSWARM_DHT_BENCH_NODES / _LOOKUPS / NETSWARM_SIM_SEED override the defaults.
 */
import { setFlagsFromString } from 'node:v8'
import { Rng } from '@netswarm/sim'
import { createSimSwarm, type LookupSample } from '../services/dht/test/sim/sim-swarm.ts'

// 10,000 routing tables churn through many short-lived objects: a larger young generation
// halves the time spent in scavenges.
setFlagsFromString('--max-semi-space-size=64')

const NODES = Number(process.env.NETSWARM_DHT_BENCH_NODES ?? 10_000)
const LOOKUPS = Number(process.env.NETSWARM_DHT_BENCH_LOOKUPS ?? 1_000)
const SEED = Number(process.env.NETSWARM_SIM_SEED ?? 20261126)
const KILL_FRACTION = 0.25

function quantile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]
}

interface Summary {
  hopsMedian: number
  hopsP99: number
  timeMedian: number
  timeP99: number
  messages: number
  success: number
}

function summarize(samples: LookupSample[]): Summary {
  return {
    hopsMedian: quantile(
      samples.map((s) => s.hops),
      0.5,
    ),
    hopsP99: quantile(
      samples.map((s) => s.hops),
      0.99,
    ),
    timeMedian: quantile(
      samples.map((s) => s.timeMs),
      0.5,
    ),
    timeP99: quantile(
      samples.map((s) => s.timeMs),
      0.99,
    ),
    messages: samples.reduce((a, s) => a + s.messages, 0) / samples.length,
    success: samples.filter((s) => s.success).length / samples.length,
  }
}

function line(label: string, s: Summary): string {
  return (
    `${label.padEnd(34)} hops median ${s.hopsMedian} p99 ${s.hopsP99} | ` +
    `time median ${s.timeMedian.toFixed(0)} ms p99 ${s.timeP99.toFixed(0)} ms | ` +
    `msgs/lookup ${s.messages.toFixed(1)} | success ${(100 * s.success).toFixed(1)}%`
  )
}

async function scenario(latencyAware: boolean): Promise<{ before: Summary; after: Summary }> {
  const t0 = performance.now()
  const swarm = createSimSwarm({ nodes: NODES, seed: SEED, latencyAware })
  const built = performance.now()
  const before = summarize(await swarm.runLookups(LOOKUPS, new Rng(SEED + 1)))
  swarm.kill(KILL_FRACTION)
  const after = summarize(await swarm.runLookups(LOOKUPS, new Rng(SEED + 2)))
  const mode = latencyAware ? 'latency-aware' : 'latency-unaware'
  console.log(
    `[${mode}] ${NODES} nodes: tables built in ${((built - t0) / 1000).toFixed(1)} s, ` +
      `lookups in ${((performance.now() - built) / 1000).toFixed(1)} s (wall)`,
  )
  console.log(line(`${mode}, all alive`, before))
  console.log(line(`${mode}, 25% killed`, after))
  return { before, after }
}

const wall = performance.now()
console.log(`bench:dht seed ${SEED}, ${NODES} nodes, ${LOOKUPS} lookups per phase, k=20 alpha=3`)
const aware = await scenario(true)
const plain = await scenario(false)
const gainBefore = 1 - aware.before.timeMedian / plain.before.timeMedian
const gainAfter = 1 - aware.after.timeMedian / plain.after.timeMedian
console.log(
  `latency awareness: median lookup time ${(100 * gainBefore).toFixed(1)}% lower (all alive), ` +
    `${(100 * gainAfter).toFixed(1)}% lower (25% killed)`,
)
console.log(`total wall time ${((performance.now() - wall) / 1000).toFixed(1)} s`)
console.log(`ratio ${(plain.before.timeMedian / aware.before.timeMedian).toFixed(2)}`)
