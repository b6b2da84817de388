import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import {
  bodyLayout,
  carrierSize,
  generateReadKey,
  MIN_PADDED_BYTES,
  memoryReader,
  openFile,
  PREFIX_BYTES,
  PrivateFormatError,
  PrivateIntegrityError,
  PrivateKeyError,
  paddedSize,
  SEALED_HEADER_BYTES,
  sealFile,
  TAG_BYTES,
} from '../../src/private/index.ts'

const SEGMENT = 1024

async function* blocks(data: Uint8Array, cuts: number[] = []): AsyncGenerator<Uint8Array> {
  let at = 0
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    const end = Math.min(cut, data.length)
    if (end > at) yield data.subarray(at, end)
    at = Math.max(at, end)
  }
  if (at < data.length) yield data.subarray(at)
}

async function collect(source: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = []
  for await (const part of source) parts.push(part)
  return Buffer.concat(parts)
}

async function seal(data: Uint8Array, options: { readKey?: Uint8Array; cuts?: number[]; name?: string } = {}) {
  const sealed = sealFile(blocks(data, options.cuts), {
    name: options.name ?? 'notes.txt',
    mediaType: 'text/plain',
    readKey: options.readKey,
    segmentBytes: SEGMENT,
  })
  const carrier = await collect(sealed.carrier)
  return { carrier, readKey: sealed.readKey, header: sealed.header() }
}

async function openAll(carrier: Uint8Array, readKey: Uint8Array) {
  const opened = await openFile(memoryReader(carrier), carrier.length, readKey)
  return { header: opened.header, plaintext: await collect(opened.plaintext) }
}

/** Segment i's byte range inside a carrier. */
function segmentRange(carrier: Uint8Array, i: number): [number, number] {
  const layout = bodyLayout(carrier.length, SEGMENT)
  const start = PREFIX_BYTES + i * (SEGMENT + TAG_BYTES)
  const end = i === layout.segments - 1 ? layout.headerOffset : start + SEGMENT + TAG_BYTES
  return [start, end]
}

describe('private file construction', () => {
  test('round trip: any bytes, any block split, give back the same bytes and inner manifest', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 12_000 }),
        fc.array(fc.nat(12_000), { maxLength: 6 }),
        fc.string({ maxLength: 30 }),
        async (data, cuts, name) => {
          const { carrier, readKey, header } = await seal(data, { cuts, name })
          assert.equal(carrier.length, carrierSize(data.length, SEGMENT))
          const opened = await openAll(carrier, readKey)
          assert.deepEqual(opened.plaintext, Buffer.from(data))
          assert.deepEqual(opened.header, header)
          assert.equal(opened.header.name, name)
          assert.equal(opened.header.size, data.length)
        },
      ),
      { numRuns: 60 },
    )
  })

  test('padding: Padmé buckets, at least 4 KiB, at most 12 % over, and the carrier length depends only on the bucket', async () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 40 }), (size) => {
        const padded = paddedSize(size)
        assert.ok(padded >= size && padded >= MIN_PADDED_BYTES)
        if (size > MIN_PADDED_BYTES) assert.ok(padded <= size * 1.0625, `${size} -> ${padded}`)
        assert.equal(paddedSize(padded), padded)
        assert.ok(paddedSize(size + 1) >= padded)
      }),
    )
    // 5000 and 5100 share a bucket: their carriers cannot be told apart by length.
    assert.equal(paddedSize(5000), paddedSize(5100))
    const a = await seal(randomBytes(5000))
    const b = await seal(randomBytes(5100))
    assert.equal(a.carrier.length, b.carrier.length)
    assert.equal((await seal(new Uint8Array(0))).carrier.length, carrierSize(0, SEGMENT))
  })

  test('the carrier holds no plaintext run of the input', async () => {
    const text = Buffer.from('DISTINCTIVE-PLAINTEXT-MARKER '.repeat(400))
    const { carrier } = await seal(text)
    assert.equal(carrier.indexOf(Buffer.from('DISTINCTIVE-PLAINTEXT')), -1)
    assert.equal(carrier.indexOf(Buffer.from('notes.txt')), -1)
  })

  test('a wrong key fails at the header with PrivateKeyError, before any plaintext', async () => {
    const { carrier } = await seal(randomBytes(3000))
    await assert.rejects(openFile(memoryReader(carrier), carrier.length, generateReadKey()), PrivateKeyError)
    await assert.rejects(
      openFile(memoryReader(randomBytes(carrier.length)), carrier.length, generateReadKey()),
      PrivateFormatError,
    )
  })

  test('flipping any bit anywhere is refused, and no altered byte is ever yielded', async () => {
    const data = randomBytes(5 * SEGMENT + 300)
    const { carrier, readKey } = await seal(data)
    await fc.assert(
      fc.asyncProperty(fc.nat(carrier.length - 1), fc.integer({ min: 0, max: 7 }), async (at, bit) => {
        const bad = Buffer.from(carrier)
        bad[at] ^= 1 << bit
        const seen: Uint8Array[] = []
        await assert.rejects(
          async () => {
            const opened = await openFile(memoryReader(bad), bad.length, readKey)
            for await (const part of opened.plaintext) seen.push(part)
          },
          (err) =>
            err instanceof PrivateKeyError || err instanceof PrivateIntegrityError || err instanceof PrivateFormatError,
        )
        const got = Buffer.concat(seen)
        assert.deepEqual(got, data.subarray(0, got.length))
      }),
      { numRuns: 150 },
    )
  })

  test('a segment swapped in from another private file (same key, same position) is refused', async () => {
    const readKey = generateReadKey()
    const a = await seal(randomBytes(4 * SEGMENT), { readKey })
    const b = await seal(randomBytes(4 * SEGMENT), { readKey })
    const [start, end] = segmentRange(a.carrier, 1)
    const mixed = Buffer.from(a.carrier)
    b.carrier.copy(mixed, start, start, end)
    await assert.rejects(collect((await openFile(memoryReader(mixed), mixed.length, readKey)).plaintext), {
      name: 'PrivateIntegrityError',
      message: /segment 1 .*another file/,
    })
  })

  test('reordered segments are refused', async () => {
    const { carrier, readKey } = await seal(randomBytes(4 * SEGMENT))
    const [s0, e0] = segmentRange(carrier, 0)
    const [s1, e1] = segmentRange(carrier, 1)
    const swapped = Buffer.from(carrier)
    carrier.copy(swapped, s0, s1, e1)
    carrier.copy(swapped, s1, s0, e0)
    await assert.rejects(
      collect((await openFile(memoryReader(swapped), swapped.length, readKey)).plaintext),
      PrivateIntegrityError,
    )
  })

  test('truncation is refused: a shorter carrier, a dropped segment, a reader that stops early', async () => {
    const data = randomBytes(6 * SEGMENT)
    const { carrier, readKey } = await seal(data)
    const [start, end] = segmentRange(carrier, 2)
    const dropped = Buffer.concat([carrier.subarray(0, start), carrier.subarray(end)])
    await assert.rejects(async () => {
      const opened = await openFile(memoryReader(dropped), dropped.length, readKey)
      await collect(opened.plaintext)
    }, PrivateIntegrityError)
    await assert.rejects(
      openFile(
        memoryReader(carrier.subarray(0, PREFIX_BYTES + SEALED_HEADER_BYTES)),
        PREFIX_BYTES + SEALED_HEADER_BYTES,
        readKey,
      ),
      PrivateIntegrityError,
    )
    const stopsEarly = async function* (offset: number, length: number) {
      yield carrier.subarray(offset, offset + Math.min(length, 2 * SEGMENT))
    }
    await assert.rejects(async () => {
      const opened = await openFile(stopsEarly, carrier.length, readKey)
      await collect(opened.plaintext)
    }, PrivateIntegrityError)
  })

  test('the last segment is marked final: a carrier cut after a full segment does not open', async () => {
    // 8 segments of plaintext; pretend the file ended after segment 3 by re-using its bytes.
    const { carrier, readKey } = await seal(randomBytes(8 * SEGMENT - 100))
    const [, end3] = segmentRange(carrier, 3)
    const header = carrier.subarray(carrier.length - SEALED_HEADER_BYTES)
    const cut = Buffer.concat([carrier.subarray(0, end3), header])
    await assert.rejects(async () => {
      const opened = await openFile(memoryReader(cut), cut.length, readKey)
      await collect(opened.plaintext)
    }, PrivateIntegrityError)
  })
})

describe('prefetching the segments', () => {
  test('gives the same bytes, and a wrong key closes the early stream', async () => {
    const data = randomBytes(5 * SEGMENT + 77)
    const { carrier, readKey } = await seal(data)
    const opened = await openFile(memoryReader(carrier), carrier.length, readKey, { prefetch: true })
    assert.deepEqual(await collect(opened.plaintext), data)
    let closed = 0
    const watched = (offset: number, length: number) =>
      (async function* () {
        try {
          yield carrier.subarray(offset, offset + length)
        } finally {
          closed++
        }
      })()
    await assert.rejects(openFile(watched, carrier.length, generateReadKey(), { prefetch: true }), PrivateKeyError)
    // prefix, header and the early segment stream: all three closed.
    assert.equal(closed, 3)
  })
})
