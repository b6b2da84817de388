/**
 * Search simulation benchmark (npm run bench:search): 10,000 DHT nodes on the in-memory network
 * (simulated clock, 5–300 ms RTTs), 100,000 files named from a seeded Zipf vocabulary, published
 * as signed keyword entries; one- and two-word queries (words of a random file's name) from random
 * nodes through the real SearchService. Prints recall (matching files found / all matching files,
 * capped at the result limit), median query latency and messages per query, and ends with
 * `ratio N`, N = the lower of the one- and two-word recalls.
 *
 * Publishing 100,000 files message by message would take hours in one process, so most entries are
 * placed where a publish stores them (the replication closest nodes, by brute force); a sample is
 * published through the real protocol, to measure its cost and to check those files are found too.
 * NETSWARM_SEARCH_BENCH_NODES / _FILES / _QUERIES / _SAMPLE and NETSWARM_SIM_SEED override defaults.
 */
import { setFlagsFromString } from 'node:v8'
import { Rng } from '@netswarm/sim'
import {
  createSearchSimSwarm,
  invertedIndex,
  makeCorpus,
  makeVocabulary,
  placeAll,
  publishAll,
  type QuerySample,
  runQueries,
} from '../services/dht/test/sim/search-sim.ts'

setFlagsFromString('--max-semi-space-size=64')

const NODES = Number(process.env.NETSWARM_SEARCH_BENCH_NODES ?? 10_000)
const FILES = Number(process.env.NETSWARM_SEARCH_BENCH_FILES ?? 100_000)
const QUERIES = Number(process.env.NETSWARM_SEARCH_BENCH_QUERIES ?? 300)
const SAMPLE = Number(process.env.NETSWARM_SEARCH_BENCH_SAMPLE ?? 200)
const SEED = Number(process.env.NETSWARM_SIM_SEED ?? 20261126)
const VOCABULARY = 30_000
const ZIPF_S = 1
const LIMIT = 50
const REPLICATION = 8

const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length

function report(label: string, s: QuerySample[]): number {
  const recall = mean(s.map((x) => x.recall))
  const capped = s.filter((x) => x.matching > LIMIT).length
  const exact = s.filter((x) => x.matching <= LIMIT)
  console.log(
    `${label.padEnd(28)} recall ${(100 * recall).toFixed(1)}% ` +
      `(queries with <= ${LIMIT} matches: ${(100 * mean(exact.map((x) => x.recall))).toFixed(1)}% of ${exact.length}; ` +
      `with more: ${capped}) | matching median ${quantile(
        s.map((x) => x.matching),
        0.5,
      )} | latency median ${quantile(
        s.map((x) => x.timeMs),
        0.5,
      ).toFixed(0)} ms p90 ${quantile(
        s.map((x) => x.timeMs),
        0.9,
      ).toFixed(0)} ms | msgs/query ${mean(s.map((x) => x.messages)).toFixed(1)}`,
  )
  return recall
}

const wall = performance.now()
console.log(
  `bench:search seed ${SEED}: ${NODES} nodes, ${FILES} files, vocabulary ${VOCABULARY} words (Zipf s=${ZIPF_S}), ` +
    `replication ${REPLICATION}, limit ${LIMIT}, ${QUERIES} queries per kind`,
)
const rng = new Rng(SEED)
let t = performance.now()
const swarm = createSearchSimSwarm({ nodes: NODES, seed: SEED, replication: REPLICATION })
console.log(`routing tables built in ${((performance.now() - t) / 1000).toFixed(1)} s`)
const vocabulary = makeVocabulary(rng.fork(), VOCABULARY)
const corpus = makeCorpus(rng.fork(), vocabulary, FILES, NODES, ZIPF_S)
const placed = corpus.slice(0, FILES - SAMPLE)
const sampled = corpus.slice(FILES - SAMPLE)
t = performance.now()
placeAll(swarm, placed, REPLICATION)
console.log(`${placed.length} files placed on their replicas in ${((performance.now() - t) / 1000).toFixed(1)} s`)
t = performance.now()
const published = await publishAll(swarm, sampled, 32)
console.log(
  `${sampled.length} files published through the real protocol in ${((performance.now() - t) / 1000).toFixed(1)} s: ` +
    `${(published.messages / sampled.length).toFixed(0)} messages per file`,
)
const stored = swarm.nodes.reduce((a, n) => a + n.searchEntries.size, 0)
console.log(`entries stored: ${stored} (${(stored / NODES).toFixed(0)} per node on average)`)
const index = invertedIndex(corpus)
const one = await runQueries(swarm, corpus, index, { count: QUERIES, wordCount: 1, limit: LIMIT, rng: rng.fork() })
const two = await runQueries(swarm, corpus, index, { count: QUERIES, wordCount: 2, limit: LIMIT, rng: rng.fork() })
const fresh = await runQueries(swarm, corpus, index, {
  count: Math.min(QUERIES, 100),
  wordCount: 2,
  limit: LIMIT,
  rng: rng.fork(),
  from: sampled,
})
const r1 = report('one-word queries', one)
const r2 = report('two-word queries', two)
report('two-word, protocol-published', fresh)
console.log(`total wall time ${((performance.now() - wall) / 1000).toFixed(1)} s`)
console.log(`ratio ${Math.min(r1, r2).toFixed(3)}`)
