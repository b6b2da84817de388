/**
 * Search on the real DhtNode/SearchService code over the simulator: 500 nodes publish 400 files
 * named from a Zipf vocabulary through the real protocol; one- and two-word queries from random
 * nodes must find at least 95% of the matching files (up to the result limit).
 * A failure prints the seed; NETSWARM_SIM_SEED=<seed> replays it.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Rng, simSeed } from '@netswarm/sim'
import {
  createSearchSimSwarm,
  invertedIndex,
  makeCorpus,
  makeVocabulary,
  publishAll,
  runQueries,
} from './search-sim.ts'

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length

test('500-node simulation: one- and two-word queries find >= 95% of matching files', async () => {
  const seed = simSeed()
  const message = `seed ${seed} (replay with NETSWARM_SIM_SEED=${seed})`
  const rng = new Rng(seed)
  const swarm = createSearchSimSwarm({ nodes: 500, seed })
  const vocabulary = makeVocabulary(rng.fork(), 500)
  const files = makeCorpus(rng.fork(), vocabulary, 400, 500)
  await publishAll(swarm, files)
  const index = invertedIndex(files)
  for (const wordCount of [1, 2] as const) {
    const samples = await runQueries(swarm, files, index, { count: 40, wordCount, limit: 30, rng: rng.fork() })
    const recall = mean(samples.map((s) => s.recall))
    assert.ok(recall >= 0.95, `${wordCount}-word recall ${recall.toFixed(3)}; ${message}`)
  }
})
