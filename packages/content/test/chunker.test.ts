import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import {
  buildManifest,
  CHUNKER_DEFAULTS,
  Chunker,
  ChunkerOptionsError,
  chunkBytes,
  chunkCid,
  createReferenceScanner,
  createWasmScanner,
  resolveChunkerOptions,
} from '../src/index.ts'
import { concat, pseudoRandomBytes, splitAt } from './helpers.ts'

/** Small sizes so that short property-test inputs span many chunks. */
const SMALL = { minSize: 64, avgSize: 256, maxSize: 1024 }

/** Random bytes, runs of one value (forcing max-size cuts) and a mix of both. */
const inputArb = fc.oneof(
  fc.uint8Array({ maxLength: 12_000 }),
  fc
    .array(fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 1, max: 3000 }), fc.boolean()), {
      maxLength: 8,
    })
    .chain((runs) =>
      fc.constant(
        concat(
          runs.map(([value, length, random]) =>
            random ? pseudoRandomBytes(`${value}`, length) : new Uint8Array(length).fill(value),
          ),
        ),
      ),
    ),
)

function chunkBlocks(blocks: Uint8Array[], kind: 'wasm' | 'reference', options = SMALL): Uint8Array[] {
  const chunker = new Chunker(options, kind)
  const chunks = blocks.flatMap((block) => chunker.push(block))
  const last = chunker.finish()
  if (last) chunks.push(last)
  return chunks
}

const sizes = (chunks: Uint8Array[]) => chunks.map((chunk) => chunk.length)

describe('FastCDC chunker', () => {
  test('any split of the input into blocks gives the same chunks, within min/max, concatenating to the input', () => {
    fc.assert(
      fc.property(
        inputArb,
        fc.array(fc.nat({ max: 12_000 }), { maxLength: 20 }),
        fc.constantFrom('wasm', 'reference'),
        (input, cuts, kind) => {
          const whole = chunkBlocks([input], kind)
          const split = chunkBlocks(splitAt(input, cuts), kind)
          assert.deepEqual(sizes(split), sizes(whole))
          assert.deepEqual(concat(split), input)
          split.forEach((chunk, i) => {
            assert.ok(chunk.length <= SMALL.maxSize, `chunk ${i} exceeds maxSize`)
            if (i < split.length - 1) assert.ok(chunk.length >= SMALL.minSize, `chunk ${i} is below minSize`)
            else assert.ok(chunk.length >= 1)
          })
        },
      ),
      { numRuns: 300 },
    )
  })

  test('wasm and reference scanners find identical cut points', () => {
    fc.assert(
      fc.property(
        inputArb,
        fc.array(fc.nat({ max: 12_000 }), { maxLength: 10 }),
        fc.record({
          minSize: fc.integer({ min: 1, max: 200 }),
          bits: fc.integer({ min: 6, max: 10 }),
          extra: fc.integer({ min: 1, max: 3000 }),
        }),
        (input, cuts, { minSize, bits, extra }) => {
          const avgSize = 2 ** bits
          const options = { minSize: Math.min(minSize, avgSize - 1), avgSize, maxSize: avgSize + extra }
          const wasm = createWasmScanner(options)
          const reference = createReferenceScanner(options)
          for (const block of splitAt(input, cuts)) assert.deepEqual(wasm.scan(block), reference.scan(block))
        },
      ),
      { numRuns: 300 },
    )
  })

  test('wasm scanner handles a piece larger than its scratch window like the reference', () => {
    const input = pseudoRandomBytes('large-piece', 3 * 1024 * 1024 + 12345)
    const options = { minSize: 2048, avgSize: 8192, maxSize: 32768 }
    assert.deepEqual(createWasmScanner(options).scan(input), createReferenceScanner(options).scan(input))
  })

  test('golden vector: default sizes, fixed-seed 3 MiB input', () => {
    const chunks = chunkBytes(pseudoRandomBytes('netswarm-golden-v1', 3 * 1024 * 1024))
    assert.deepEqual(
      sizes(chunks),
      [177127, 369964, 332251, 185357, 338255, 289509, 304536, 322916, 275755, 320140, 229918],
    )
    assert.deepEqual(
      chunks.slice(0, 3).map((chunk) => chunkCid(chunk).toString()),
      [
        'bafkreigkbozropoynaje3urlcxacr6jwmbw7wv4by7rpblchqzfui6v6ae',
        'bafkreihdgeqkah7ye7ozjwbtctvbnsma3md4ebwpllrnb7zvg3imrvttim',
        'bafkreielme72isbfbcrxlppymmxm5xbnlsvbrg6t7kvfkvh7v4qjphzzrm',
      ],
    )
    // Pins the manifest encoding (dag-cbor field layout) and the Merkle root definition too.
    const refs = chunks.map((chunk) => ({ cid: chunkCid(chunk), size: chunk.length }))
    assert.equal(
      buildManifest({ name: 'golden.bin', chunks: refs }).cid.toString(),
      'bafyreia4q2gsfsgq7fcfpqsqd4p24qo4jlotcw5oyqpor5ajf64xqyqcfm',
    )
  })

  test('golden vector: small sizes, both scanners', () => {
    const input = pseudoRandomBytes('netswarm-golden-small-v1', 8192)
    const expected = [
      289, 278, 307, 272, 439, 263, 334, 175, 280, 325, 301, 303, 201, 382, 294, 274, 258, 314, 226, 368, 287, 514, 420,
      307, 212, 265, 304,
    ]
    assert.deepEqual(sizes(chunkBytes(input, SMALL, 'wasm')), expected)
    assert.deepEqual(sizes(chunkBytes(input, SMALL, 'reference')), expected)
  })

  test('inserting bytes near the start of 32 MiB changes only the first chunks', () => {
    const original = pseudoRandomBytes('insertion-stability', 32 * 1024 * 1024)
    const edited = concat([original.subarray(0, 1000), new Uint8Array([1, 2, 3, 4, 5, 6, 7]), original.subarray(1000)])
    const before = chunkBytes(original).map((chunk) => chunkCid(chunk).toString())
    const after = chunkBytes(edited).map((chunk) => chunkCid(chunk).toString())
    assert.ok(before.length > 64, `expected many chunks, got ${before.length}`)
    const afterSet = new Set(after)
    const changed = before.filter((cid) => !afterSet.has(cid))
    assert.ok(changed.length <= 2, `${changed.length} chunks changed`)
    // The tails are identical chunk for chunk.
    assert.deepEqual(after.slice(after.length - (before.length - 2)), before.slice(2))
  })

  test('an empty stream gives no chunk; a short one gives one chunk', () => {
    assert.deepEqual(chunkBytes(new Uint8Array(0)), [])
    assert.deepEqual(sizes(chunkBytes(new Uint8Array(100))), [100])
  })

  test('options are validated with ChunkerOptionsError (INVALID_ARGUMENT)', () => {
    assert.deepEqual(
      { ...resolveChunkerOptions(), maskS: undefined, maskL: undefined },
      { ...CHUNKER_DEFAULTS, maskS: undefined, maskL: undefined },
    )
    for (const bad of [
      { avgSize: 300_000 },
      { minSize: 0 },
      { minSize: 512 * 1024 },
      { maxSize: 128 * 1024 },
      { maxSize: 8 * 1024 * 1024 },
      { minSize: 1.5 },
    ]) {
      assert.throws(
        () => new Chunker(bad),
        (err: unknown) => err instanceof ChunkerOptionsError && err.code === 'INVALID_ARGUMENT',
        JSON.stringify(bad),
      )
    }
  })
})
