/**
 * bench:content: chunk + hash + build the manifest of a 256 MiB random file read from disk,
 * against plain single-core node:crypto SHA-256 of the same file read the same way.
 *
 *   npm run bench:content                 # prints MB/s, peak RSS, ends with `ratio N`
 *   npm run bench:content -- --explore    # also the chunk-size exploration of docs/chunking.md
 *
 * Every measurement runs in a fresh child process (so peak RSS is its own and JIT state does
 * not leak between them); each is repeated and the best run is kept, because the machine is shared.
 */
import { execFileSync } from 'node:child_process'
import { createHash, randomFillSync, webcrypto } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdtemp, open, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  buildManifest,
  Chunker,
  type ChunkRef,
  chunkCid,
  chunkStream,
  cidFromDigest,
  RAW_CODEC,
} from '../packages/content/src/index.ts'

const FILE_BYTES = 256 * 1024 * 1024
const READ_BLOCK_BYTES = 1024 * 1024
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const MB = 1e6

type Mode = 'sha256' | 'content' | 'content-subtle' | 'content-sync-hash' | 'scan-wasm' | 'scan-reference'

interface Result {
  mode: Mode
  bytes: number
  ms: number
  maxRssMiB: number
  chunks?: number
}

function readFile(path: string): AsyncIterable<Uint8Array> {
  return createReadStream(path, { highWaterMark: READ_BLOCK_BYTES })
}

/** One measurement, in this (child) process. */
async function measure(mode: Mode, path: string): Promise<Result> {
  const start = performance.now()
  let bytes = 0
  let chunks: number | undefined
  if (mode === 'sha256') {
    const hash = createHash('sha256')
    for await (const block of readFile(path)) {
      hash.update(block)
      bytes += block.length
    }
    hash.digest()
  } else if (mode === 'content') {
    const refs: ChunkRef[] = []
    for await (const chunk of chunkStream(readFile(path))) {
      refs.push({ cid: chunk.cid, size: chunk.bytes.length })
      bytes += chunk.bytes.length
    }
    buildManifest({ name: 'bench.bin', chunks: refs })
    chunks = refs.length
  } else if (mode === 'content-subtle') {
    // Alternative design: hash with WebCrypto (libuv threadpool), at most 16 chunks in flight.
    const chunker = new Chunker()
    const queue: Promise<ChunkRef>[] = []
    const refs: ChunkRef[] = []
    const add = (bytes: Uint8Array) =>
      queue.push(
        webcrypto.subtle
          .digest('SHA-256', bytes)
          .then((d) => ({ cid: cidFromDigest(RAW_CODEC, new Uint8Array(d)), size: bytes.length })),
      )
    for await (const block of readFile(path)) {
      for (const chunk of chunker.push(block)) add(chunk)
      while (queue.length > 16) refs.push(await queue.shift()!)
      bytes += block.length
    }
    const last = chunker.finish()
    if (last) add(last)
    refs.push(...(await Promise.all(queue)))
    buildManifest({ name: 'bench.bin', chunks: refs })
    chunks = refs.length
  } else if (mode === 'content-sync-hash') {
    // Alternative design: same wasm boundaries, SHA-256 on the main thread (no pipelining).
    const chunker = new Chunker()
    const refs: ChunkRef[] = []
    const add = (bytes: Uint8Array) => refs.push({ cid: chunkCid(bytes), size: bytes.length })
    for await (const block of readFile(path)) {
      for (const chunk of chunker.push(block)) add(chunk)
      bytes += block.length
    }
    const last = chunker.finish()
    if (last) add(last)
    buildManifest({ name: 'bench.bin', chunks: refs })
    chunks = refs.length
  } else {
    // Boundary finding alone, no hashing.
    const chunker = new Chunker({}, mode === 'scan-wasm' ? 'wasm' : 'reference')
    chunks = 0
    for await (const block of readFile(path)) {
      chunks += chunker.push(block).length
      bytes += block.length
    }
    if (chunker.finish()) chunks++
  }
  const ms = performance.now() - start
  return { mode, bytes, ms, maxRssMiB: process.resourceUsage().maxRSS / 1024, chunks }
}

/** Runs one measurement in a fresh child process. */
function runChild(mode: Mode, path: string): Result {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', mode, path],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  return JSON.parse(out.trim().split('\n').pop()!) as Result
}

async function writeRandomFile(path: string, size: number): Promise<void> {
  const handle = await open(path, 'w')
  const block = new Uint8Array(16 * 1024 * 1024)
  try {
    for (let written = 0; written < size; written += block.length) {
      randomFillSync(block)
      await handle.write(block, 0, Math.min(block.length, size - written))
    }
  } finally {
    await handle.close()
  }
}

const mbps = (r: Result) => r.bytes / MB / (r.ms / 1000)
const best = (results: Result[]) => results.reduce((a, b) => (mbps(b) > mbps(a) ? b : a))
const fmt = (r: Result) =>
  `${mbps(r).toFixed(0).padStart(5)} MB/s  ${r.ms.toFixed(0).padStart(5)} ms  peak RSS ${r.maxRssMiB.toFixed(0)} MiB` +
  (r.chunks === undefined ? '' : `  ${r.chunks} chunks`)

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  if (args[0] === '--child') {
    console.log(JSON.stringify(await measure(args[1] as Mode, args[2])))
    return
  }
  const dir = await mkdtemp(join(tmpdir(), 'netswarm-bench-content-'))
  try {
    const path = join(dir, 'random.bin')
    await writeRandomFile(path, FILE_BYTES)
    console.log(
      `file: ${FILE_BYTES / 1024 / 1024} MiB random, read in ${READ_BLOCK_BYTES / 1024} KiB blocks; best of ${ROUNDS}`,
    )
    const modes: Mode[] = ['sha256', 'content', 'content-subtle', 'content-sync-hash', 'scan-wasm', 'scan-reference']
    const results = new Map<Mode, Result[]>(modes.map((m) => [m, []]))
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate baseline and candidate so both see the same background load.
      for (const mode of modes) {
        if (mode === 'scan-reference' && round > 0) continue // slow and only informative
        results.get(mode)!.push(runChild(mode, path))
      }
    }
    const label: Record<Mode, string> = {
      sha256: 'baseline: node:crypto sha256, 1 core',
      content: 'chunkStream + manifest (wasm + hash worker)',
      'content-subtle': 'wasm chunker + WebCrypto digest (threadpool)',
      'content-sync-hash': 'wasm chunker + sync sha256 (no pipeline)',
      'scan-wasm': 'boundaries only, wasm',
      'scan-reference': 'boundaries only, TS reference',
    }
    for (const mode of modes) console.log(`${label[mode].padEnd(44)} ${fmt(best(results.get(mode)!))}`)
    const ratio = mbps(best(results.get('content')!)) / mbps(best(results.get('sha256')!))
    console.log(`ratio ${ratio.toFixed(2)}`)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

await main()
