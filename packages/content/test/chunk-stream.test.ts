import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { IntegrityError } from '@netswarm/runtime'
import fc from 'fast-check'
import { DIGEST_JOB_SLOTS, DigestWorker } from '../src/digest-worker.ts'
import { buildManifest, chunkBytes, chunkCid, chunkStream, type HasherKind, sha256, verifyFile } from '../src/index.ts'
import { blocksOf, collect, concat, pseudoRandomBytes, splitAt, streamOf } from './helpers.ts'

const SMALL = { minSize: 64, avgSize: 256, maxSize: 1024 }
const isIntegrityError = (err: unknown) => err instanceof IntegrityError && err.code === 'INTEGRITY'

async function manifestOf(input: Uint8Array) {
  const chunks = await collect(chunkStream(streamOf(blocksOf(input, 100_000))))
  return buildManifest({ name: 'file.bin', chunks: chunks.map((c) => ({ cid: c.cid, size: c.bytes.length })) }).manifest
}

describe('chunkStream', () => {
  test('yields hashed chunks in order with offsets, for any block split', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 8000 }),
        fc.array(fc.nat({ max: 8000 }), { maxLength: 12 }),
        fc.constantFrom('auto', 'sync', 'worker') as fc.Arbitrary<HasherKind>,
        async (input, cuts, hasher) => {
          const chunks = await collect(chunkStream(streamOf(splitAt(input, cuts)), { ...SMALL, hasher }))
          const expected = chunkBytes(input, SMALL)
          assert.deepEqual(
            chunks.map((c) => c.bytes.length),
            expected.map((c) => c.length),
          )
          let offset = 0
          for (const chunk of chunks) {
            assert.equal(chunk.offset, offset)
            assert.ok(chunk.cid.equals(chunkCid(chunk.bytes)))
            offset += chunk.bytes.length
          }
          assert.deepEqual(concat(chunks.map((c) => c.bytes)), input)
        },
      ),
      { numRuns: 100 },
    )
  })

  test('default sizes on 4 MiB match the synchronous chunker', async () => {
    const input = pseudoRandomBytes('stream-4mib', 4 * 1024 * 1024)
    const chunks = await collect(chunkStream(streamOf(blocksOf(input, 65536))))
    assert.deepEqual(
      chunks.map((c) => c.cid.toString()),
      chunkBytes(input).map((c) => chunkCid(c).toString()),
    )
  })

  test('every hasher/scanner, through a small wrapping ring, gives the synchronous CIDs', async () => {
    const input = pseudoRandomBytes('ring-wrap', 24 * 1024 * 1024)
    const options = { minSize: 16 * 1024, avgSize: 256 * 1024, maxSize: 1024 * 1024 }
    const expected = chunkBytes(input, options).map((c) => chunkCid(c).toString())
    const INF = Number.POSITIVE_INFINITY
    for (const [hasher, scanner, blockSize, mainHashBacklog] of [
      ['worker', 'wasm', 300_000, 4],
      ['worker', 'wasm', 5 * 1024 * 1024, 4], // blocks larger than the ring
      ['worker', 'wasm', 300_000, 1], // this thread hashes whenever the worker has a job queued
      ['worker', 'wasm', 300_000, INF], // every chunk queued: this thread hashes only when the ring is full
      ['auto', 'wasm', 300_000, 4],
      ['sync', 'wasm', 300_000, 4],
      ['sync', 'reference', 300_000, 4],
    ] as const) {
      const chunks = await collect(
        chunkStream(streamOf(blocksOf(input, blockSize)), {
          ...options,
          hasher,
          scanner,
          mainHashBacklog,
          maxInFlightBytes: 2 * 1024 * 1024,
        }),
      )
      assert.deepEqual(
        chunks.map((c) => c.cid.toString()),
        expected,
        `${hasher} ${scanner} ${blockSize} ${mainHashBacklog}`,
      )
      let offset = 0
      for (const chunk of chunks) {
        assert.equal(chunk.offset, offset)
        offset += chunk.bytes.length
      }
    }
  })

  test('stops early without unhandled rejections and honours an aborted signal', async () => {
    const input = pseudoRandomBytes('early', 64 * 1024)
    for await (const _chunk of chunkStream(streamOf([input]), SMALL)) break
    // With chunks still in flight on the worker: it is terminated, and the next stream still works.
    const large = pseudoRandomBytes('early-large', 8 * 1024 * 1024)
    for await (const _chunk of chunkStream(streamOf(blocksOf(large, 1 << 20)), { hasher: 'worker' })) break
    const again = await collect(chunkStream(streamOf([large]), { hasher: 'worker' }))
    assert.deepEqual(
      again.map((c) => c.cid.toString()),
      chunkBytes(large).map((c) => chunkCid(c).toString()),
    )
    const controller = new AbortController()
    controller.abort(new Error('stop'))
    await assert.rejects(collect(chunkStream(streamOf([input]), { ...SMALL, signal: controller.signal })), /stop/)
  })
})

describe('DigestWorker', () => {
  test('jobs over one or two ranges of shared memory, taken in order, match SHA-256', async () => {
    const size = 8 * 1024 * 1024
    const shared = new SharedArrayBuffer(size)
    const memory = new Uint8Array(shared)
    memory.set(pseudoRandomBytes('shared', size))
    const worker = new DigestWorker(shared)
    try {
      // More jobs than slots, so slots are reused; whichever thread hashes each, results match.
      const expected: Uint8Array[] = []
      let next = 0
      for (let round = 0; round < 3 * DIGEST_JOB_SLOTS; round++) {
        if (worker.pending === DIGEST_JOB_SLOTS) {
          assert.deepEqual(await worker.take(next), expected[next])
          next++
        }
        const offset = (round * 7919) % (size - 70_000)
        const length = round % 5 === 0 ? 0 : (round * 104_729) % 60_000
        if (round % 3 === 0) {
          worker.publish(offset, length, size - 1000, 1000)
          expected.push(sha256(concat([memory.subarray(offset, offset + length), memory.subarray(size - 1000)])))
        } else {
          worker.publish(offset, length)
          expected.push(sha256(memory.subarray(offset, offset + length)))
        }
        // The worker walks jobs in order: it lags by at most what is published.
        assert.ok(worker.backlog >= 0 && worker.backlog <= expected.length)
      }
      while (next < expected.length) {
        const polled = worker.poll(next)
        assert.deepEqual(polled ?? (await worker.take(next)), expected[next])
        next++
      }
      assert.equal(worker.pending, 0)
      assert.throws(() => worker.poll(next), RangeError) // nothing outstanding
    } finally {
      await worker.terminate()
    }
  })

  test('a job taken over from a busy worker, and every later job in its slot, still match SHA-256', async () => {
    // Job 0 is long (~50 ms of hashing): if the worker claims it, take() stops waiting after a
    // few ms and hashes it here; the worker's late digest must not land in the slot, which the
    // next DIGEST_JOB_SLOTS jobs reuse. Whichever thread wins each race, every digest is exact.
    const size = 64 * 1024 * 1024
    const shared = new SharedArrayBuffer(size)
    const memory = new Uint8Array(shared)
    memory.set(pseudoRandomBytes('take-over', size))
    const worker = new DigestWorker(shared)
    try {
      for (let round = 0; round < 3; round++) {
        const first = worker.publish(0, size)
        assert.deepEqual(await worker.take(first), sha256(memory), `long job, round ${round}`)
        for (let i = 1; i <= DIGEST_JOB_SLOTS; i++) {
          const offset = (i * 65_537) % (size - 4096)
          const id = worker.publish(offset, 4096)
          assert.deepEqual(await worker.take(id), sha256(memory.subarray(offset, offset + 4096)), `job ${id}`)
        }
      }
    } finally {
      await worker.terminate()
    }
  })

  test('refuses out-of-order takes and too many jobs; fails cleanly once terminated', async () => {
    const worker = new DigestWorker(new SharedArrayBuffer(1024))
    for (let i = 0; i < DIGEST_JOB_SLOTS; i++) worker.publish(0, 1024)
    assert.throws(() => worker.publish(0, 1), RangeError)
    await assert.rejects(worker.take(1), RangeError)
    await worker.terminate()
    assert.ok(worker.failed)
    await assert.rejects(worker.take(0), /terminated/)
    assert.throws(() => worker.publish(0, 1), /terminated/)
  })
})

describe('verifyFile', () => {
  const input = pseudoRandomBytes('verify', 2 * 1024 * 1024 + 777)

  test('accepts the exact file, whatever the block split', async () => {
    const manifest = await manifestOf(input)
    assert.ok(manifest.chunks.length > 3)
    await verifyFile(manifest, streamOf(blocksOf(input, 4096)))
    await verifyFile(manifest, streamOf([input]))
  })

  test('catches a flipped byte, a truncated and an extended file', async () => {
    const manifest = await manifestOf(input)
    const flipped = input.slice()
    flipped[1_500_000] ^= 0x10
    await assert.rejects(verifyFile(manifest, streamOf(blocksOf(flipped, 65536))), (err: unknown) => {
      return isIntegrityError(err) && /chunk \d+/.test((err as Error).message)
    })
    await assert.rejects(verifyFile(manifest, streamOf([input.subarray(0, input.length - 1)])), isIntegrityError)
    await assert.rejects(verifyFile(manifest, streamOf([input, new Uint8Array([0])])), isIntegrityError)
  })

  test('catches a manifest whose root does not match its chunks', async () => {
    const manifest = await manifestOf(input)
    const root = manifest.merkleRoot.slice()
    root[0] ^= 1
    await assert.rejects(verifyFile({ ...manifest, merkleRoot: root }, streamOf([input])), isIntegrityError)
  })

  test('verifies an empty file', async () => {
    const { manifest } = buildManifest({ name: 'empty', chunks: [] })
    await verifyFile(manifest, streamOf([]))
    await assert.rejects(verifyFile(manifest, streamOf([new Uint8Array(1)])), isIntegrityError)
  })
})
