/**
 * Search on the simulated DHT: N nodes with seeded Ed25519 identities, each running a
 * {@link SearchService}; files named from a seeded Zipf-distributed vocabulary; queries of one
 * or two words of a random published file, with recall measured against brute-force matching.
 * Used by the search sim test and by bench/search.ts.
 */
import { createHash, createPrivateKey, createPublicKey, sign } from 'node:crypto'
import type { Rng } from '@netswarm/sim'
import { keyToHex } from '../../src/kademlia/key.ts'
import { type FileMetadata, signEntry } from '../../src/search/entry.ts'
import { keywordKey, keywordsOf, wordsOf } from '../../src/search/normalize.ts'
import { SearchService } from '../../src/search/search-service.ts'
import { createSimSwarm, type SimSwarm } from './sim-swarm.ts'

/** DER header of an Ed25519 PKCS#8 private key; the 32-byte seed follows. */
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex')

/** A deterministic Ed25519 signer from 32 seed bytes (reproducible simulations). */
export function seededSigner(seed: Uint8Array) {
  const key = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' })
  const spki = createPublicKey(key).export({ type: 'spki', format: 'der' })
  const publicKey = new Uint8Array(spki.subarray(spki.length - 32))
  return {
    publicKey,
    id: new Uint8Array(createHash('sha256').update(publicKey).digest()),
    sign: (data: Uint8Array) => new Uint8Array(sign(null, data, key)),
  }
}

const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ra',
  'ne',
  'to',
  'su',
  'vi',
  'an',
  'el',
  'or',
  'is',
  'ba',
  'de',
  'fu',
  'go',
  'ha',
  'ji',
  'ku',
  'ly',
  'mo',
  'nu',
  'pe',
  'qu',
  'ri',
  'sa',
  'te',
  'ul',
  'ver',
  'win',
  'xo',
  'yu',
  'zen',
  'tri',
  'str',
  'ph',
  'ch',
  'ion',
  'ent',
  'ast',
  'ine',
  'ow',
  'ay',
  'é',
  'ø',
  'ü',
]
const EXTENSIONS = ['mp3', 'mp4', 'mkv', 'pdf', 'epub', 'flac', 'jpg', 'png', 'zip', 'iso', 'txt', 'ogg']
const SEPARATORS = [' ', ' ', ' ', '_', '-', '.']

/** A seeded vocabulary of distinct pseudo-words (2–4 syllables, some accented), distinct once folded. */
export function makeVocabulary(rng: Rng, size: number): string[] {
  const out: string[] = []
  const folded = new Set<string>()
  while (out.length < size) {
    const n = 2 + rng.int(3)
    let w = ''
    for (let i = 0; i < n; i++) w += SYLLABLES[rng.int(SYLLABLES.length)]
    // "café" and "cafe" are one word to the index: keep only one of them.
    const f = wordsOf(w)[0]
    if (f === undefined || folded.has(f)) continue
    folded.add(f)
    out.push(w)
  }
  return out
}

/** Draws word indexes with probability ∝ 1 / (rank + 1)^s (Zipf). */
export class ZipfSampler {
  private readonly cumulative: Float64Array
  constructor(
    size: number,
    s: number,
    private readonly rng: Rng,
  ) {
    this.cumulative = new Float64Array(size)
    let total = 0
    for (let i = 0; i < size; i++) {
      total += 1 / (i + 1) ** s
      this.cumulative[i] = total
    }
    for (let i = 0; i < size; i++) this.cumulative[i] /= total
  }

  next(): number {
    const x = this.rng.next()
    let lo = 0
    let hi = this.cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (this.cumulative[mid] < x) lo = mid + 1
      else hi = mid
    }
    return lo
  }
}

/** A file of the corpus and the node that publishes it. */
export interface SimFile {
  metadata: FileMetadata
  publisher: number
  /** Normalized words of its name (what full-word queries match). */
  words: string[]
}

/** Makes `count` files, 2–5 vocabulary words plus an extension each, spread over `nodes` publishers. */
export function makeCorpus(rng: Rng, vocabulary: string[], count: number, nodes: number, zipfS = 1): SimFile[] {
  const zipf = new ZipfSampler(vocabulary.length, zipfS, rng)
  const files: SimFile[] = []
  for (let i = 0; i < count; i++) {
    const n = 2 + rng.int(4)
    const parts: string[] = []
    for (let j = 0; j < n; j++) {
      const w = vocabulary[zipf.next()]
      parts.push(rng.int(5) === 0 ? w[0].toUpperCase() + w.slice(1) : w)
    }
    let name = parts[0]
    for (let j = 1; j < parts.length; j++) name += SEPARATORS[rng.int(SEPARATORS.length)] + parts[j]
    name += `.${EXTENSIONS[rng.int(EXTENSIONS.length)]}`
    const cid = `bafysim${i.toString(36)}`
    const metadata: FileMetadata = {
      cid,
      name,
      mediaType: 'application/octet-stream',
      size: 1000 + i,
      tags: [],
      description: '',
    }
    files.push({ metadata, publisher: rng.int(nodes), words: wordsOf(name) })
  }
  return files
}

/** The search swarm: the DHT swarm plus one SearchService per node. */
export interface SearchSimSwarm extends SimSwarm {
  search: SearchService[]
  signers: ReturnType<typeof seededSigner>[]
}

/** Builds a swarm whose node IDs are the hashes of seeded Ed25519 keys. */
export function createSearchSimSwarm(init: {
  nodes: number
  seed: number
  replication?: number
  fanout?: number
}): SearchSimSwarm {
  const signers = Array.from({ length: init.nodes }, (_, i) =>
    seededSigner(new Uint8Array(createHash('sha256').update(`search-sim:${init.seed}:${i}`).digest())),
  )
  const swarm = createSimSwarm({
    nodes: init.nodes,
    seed: init.seed,
    latencyAware: true,
    ids: signers.map((s) => s.id),
  })
  const search = swarm.nodes.map(
    (node, i) =>
      new SearchService(node, {
        signer: signers[i],
        replication: init.replication,
        fanout: init.fanout,
      }),
  )
  return { ...swarm, search, signers }
}

/** Publishes every file through the real protocol, `parallel` publishes in flight at a time. */
export async function publishAll(
  swarm: SearchSimSwarm,
  files: SimFile[],
  parallel = 64,
): Promise<{ messages: number }> {
  const before = swarm.net.messagesSent
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const f = files[next++]
      await swarm.search[f.publisher].publish(f.metadata)
    }
  }
  const running = Promise.all(Array.from({ length: parallel }, worker))
  await swarm.clock.runUntilIdle()
  await running
  return { messages: swarm.net.messagesSent - before }
}

/**
 * Places files' entries where a publish would store them, without running the publishes: each
 * keyword's entry on the `replication` closest live nodes to its key (found by brute force, which
 * the publish lookup matches in the lookup tests) and on the publisher, and the file in the
 * publisher's local index. For corpora too large to publish message by message in a simulation.
 */
export function placeAll(swarm: SearchSimSwarm, files: SimFile[], replication = 8): void {
  const now = swarm.clock.now()
  const hexes = swarm.ids.map((id) => keyToHex(id))
  for (const f of files) {
    const entry = signEntry(swarm.signers[f.publisher], f.metadata, Math.round(now))
    const publisher = hexes[f.publisher]
    const addresses = [String(f.publisher)]
    swarm.nodes[f.publisher].localIndex.set(entry)
    for (const keyword of keywordsOf(entry)) {
      const key = keywordKey(keyword)
      swarm.nodes[f.publisher].searchEntries.put(key, entry, publisher, addresses, now)
      for (const n of swarm.trueClosest(key, replication, f.publisher)) {
        swarm.nodes[n].searchEntries.put(key, entry, publisher, addresses, now)
      }
    }
  }
}

/** An inverted index of the corpus: word → indexes of files whose name holds it. */
export function invertedIndex(files: SimFile[]): Map<string, number[]> {
  const index = new Map<string, number[]>()
  files.forEach((f, i) => {
    for (const w of f.words) {
      let list = index.get(w)
      if (!list) index.set(w, (list = []))
      list.push(i)
    }
  })
  return index
}

/** One query's figures. */
export interface QuerySample {
  words: number
  matching: number
  found: number
  /** found / min(matching, limit). */
  recall: number
  timeMs: number
  messages: number
}

/**
 * Runs `count` queries of `wordCount` words, each drawn from the name of a random file, from
 * random live nodes one after another; recall counts the files found that match every word.
 */
export async function runQueries(
  swarm: SearchSimSwarm,
  files: SimFile[],
  index: Map<string, number[]>,
  options: {
    count: number
    wordCount: 1 | 2
    limit: number
    rng: Rng
    timeoutMs?: number
    /** Files the query words are drawn from (default: all of `files`); matches count over `files`. */
    from?: SimFile[]
  },
): Promise<QuerySample[]> {
  const samples: QuerySample[] = []
  const live = swarm.nodes.map((_, i) => i).filter((i) => swarm.alive(i))
  for (let n = 0; n < options.count; n++) {
    const pool = options.from ?? files
    const file = pool[options.rng.int(pool.length)]
    const words = options.rng.shuffle([...file.words]).slice(0, options.wordCount)
    const matching = new Set(index.get(words[0]) ?? [])
    for (const w of words.slice(1)) {
      const other = new Set(index.get(w) ?? [])
      for (const m of matching) if (!other.has(m)) matching.delete(m)
    }
    const matchingCids = new Set([...matching].map((i) => files[i].metadata.cid))
    const origin = live[options.rng.int(live.length)]
    const node = swarm.nodes[origin]
    const t0 = swarm.clock.now()
    const sent0 = node.stats.messagesSent
    const found = new Set<string>()
    let end = 0
    const run = (async () => {
      for await (const hit of swarm.search[origin].search(words.join(' '), {
        limit: options.limit,
        timeoutMs: options.timeoutMs ?? 5000,
      })) {
        if (hit.match.all && matchingCids.has(hit.cid)) found.add(hit.cid)
      }
      end = swarm.clock.now()
    })()
    await swarm.clock.runUntilIdle()
    await run
    const expected = Math.min(matchingCids.size, options.limit)
    samples.push({
      words: words.length,
      matching: matchingCids.size,
      found: found.size,
      recall: expected === 0 ? 1 : Math.min(1, found.size / expected),
      timeMs: end - t0,
      messages: node.stats.messagesSent - sent0,
    })
  }
  return samples
}
