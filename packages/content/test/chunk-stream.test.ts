import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { IntegrityError } from '@netswarm/runtime'
import fc from 'fast-check'
import { DigestWorker } from '../src/digest-worker.ts'
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

  test('worker hashing through a small, wrapping ring matches synchronous CIDs', async () => {
    const input = pseudoRandomBytes('ring-wrap', 24 * 1024 * 1024)
    const options = { minSize: 16 * 1024, avgSize: 256 * 1024, maxSize: 1024 * 1024 }
    const expected = chunkBytes(input, options).map((c) => chunkCid(c).toString())
    for (const hasher of ['worker', 'auto'] as const) {
      const chunks = await collect(
        chunkStream(streamOf(blocksOf(input, 300_000)), { ...options, hasher, maxInFlightBytes: 2 * 1024 * 1024 }),
      )
      assert.deepEqual(
        chunks.map((c) => c.cid.toString()),
        expected,
        hasher,
      )
    }
  })

  test('stops early without unhandled rejections and honours an aborted signal', async () => {
    const input = pseudoRandomBytes('early', 64 * 1024)
    for await (const _chunk of chunkStream(streamOf([input]), SMALL)) break
    const controller = new AbortController()
    controller.abort(new Error('stop'))
    await assert.rejects(collect(chunkStream(streamOf([input]), { ...SMALL, signal: controller.signal })), /stop/)
  })
})

describe('DigestWorker', () => {
  test('hashes in order, refuses work when its ring is full, and wraps', async () => {
    const worker = new DigestWorker(1024)
    try {
      const a = pseudoRandomBytes('a', 400)
      const b = pseudoRandomBytes('b', 400)
      const c = pseudoRandomBytes('c', 300)
      const first = worker.trySubmit(a)!
      const second = worker.trySubmit(b)!
      assert.equal(worker.trySubmit(c), undefined) // 800 used, 300 more does not fit before or after
      assert.deepEqual(await first, sha256(a))
      const third = worker.trySubmit(c)! // wraps to offset 0, behind the second job
      assert.deepEqual(await second, sha256(b))
      assert.deepEqual(await third, sha256(c))
      assert.throws(() => worker.trySubmit(new Uint8Array(600)), RangeError)
    } finally {
      await worker.terminate()
    }
  })

  test('terminate rejects pending jobs', async () => {
    const worker = new DigestWorker(4 * 1024 * 1024)
    const pending = worker.trySubmit(new Uint8Array(2 * 1024 * 1024))!
    const rejected = assert.rejects(pending, /terminated/)
    await worker.terminate()
    await rejected
    assert.ok(worker.failed)
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
