import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { ChunkStore } from '@netswarm/chunk-store'
import { type CID, chunkCid } from '@netswarm/content'
import fc from 'fast-check'
import { chunkIndexAt, chunkStarts, readFileRange } from '../src/store/file-reader.ts'
import { collect, makeFile } from './helpers.ts'

/** A file of chunks with the given sizes, served by a store stub that records which chunks were read. */
function fixture(sizes: number[]) {
  let seed = 0
  const chunks = sizes.map((size) => {
    const bytes = Buffer.alloc(size, 0)
    for (let i = 0; i < size; i++) bytes[i] = (seed++ * 31) & 0xff
    bytes.writeUInt32BE(seed, 0)
    return { cid: chunkCid(bytes), bytes }
  })
  const byCid = new Map(chunks.map((c) => [c.cid.toString(), c.bytes]))
  const reads: string[] = []
  const store = {
    getChunk(cid: CID) {
      reads.push(cid.toString())
      return byCid.get(cid.toString())
    },
  } as unknown as ChunkStore
  return { file: makeFile(chunks), whole: Buffer.concat(chunks.map((c) => c.bytes)), store, reads, chunks }
}

describe('file ranges', () => {
  test('chunkIndexAt finds the chunk holding each byte', () => {
    const starts = [0, 10, 25, 26]
    assert.deepEqual(
      [0, 9, 10, 24, 25, 26, 1000].map((o) => chunkIndexAt(starts, o)),
      [0, 0, 1, 1, 2, 3, 3],
    )
  })

  test('any range reads exactly the bytes of the range and only the chunks overlapping it', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 4, max: 300 }), { minLength: 1, maxLength: 12 }),
        fc.nat(),
        fc.nat(),
        async (sizes, a, b) => {
          const { file, whole, store, reads } = fixture(sizes)
          const offset = a % (whole.length + 1)
          const length = b % (whole.length - offset + 2)
          const got = await collect(readFileRange(store, file.manifest, { offset, length }))
          const end = length ? Math.min(whole.length, offset + length) : whole.length
          assert.deepEqual(got, whole.subarray(offset, end))
          const starts = chunkStarts(file.manifest)
          const overlapping = file.manifest.chunks.filter(
            (c, i) => starts[i] < end && starts[i] + c.size > offset,
          ).length
          assert.equal(reads.length, end > offset ? overlapping : 0)
        },
      ),
      { numRuns: 200 },
    )
  })
})
