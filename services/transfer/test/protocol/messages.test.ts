import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import { CID } from 'multiformats/cid'
import * as Digest from 'multiformats/hashes/digest'
import { ExchangeFormatError } from '../../src/errors.ts'
import { decodeMessage, type ExchangeMessage, encodeMessage } from '../../src/protocol/messages.ts'
import { Bitfield } from '../../src/scheduler/bitfield.ts'

const cidOf = (seed: Uint8Array, codec: number) =>
  CID.createV1(codec, Digest.create(0x12, createHash('sha256').update(seed).digest()))

const arbCid = fc.tuple(fc.uint8Array({ maxLength: 8 }), fc.constantFrom(0x55, 0x71)).map(([s, c]) => cidOf(s, c))
const arbBitfield = fc.integer({ min: 0, max: 200 }).chain((size) =>
  fc.array(fc.nat(Math.max(0, size - 1)), { maxLength: size }).map((bits) => {
    const f = new Bitfield(size)
    if (size > 0) for (const b of bits) f.set(b)
    return f
  }),
)

const arbMessage: fc.Arbitrary<ExchangeMessage> = fc.oneof(
  arbCid.map((manifest) => ({ type: 'HAVE_REQUEST' as const, manifest })),
  fc.tuple(arbCid, arbBitfield, fc.boolean()).map(([manifest, has, all]) => ({
    type: 'BITFIELD' as const,
    manifest,
    chunkCount: has.size,
    has: all ? ('all' as const) : has,
  })),
  fc.tuple(arbCid, fc.nat(262_143)).map(([manifest, chunk]) => ({ type: 'HAVE' as const, manifest, chunk })),
  arbCid.map((cid) => ({ type: 'CHUNK_REQUEST' as const, cid })),
  fc
    .tuple(arbCid, fc.uint8Array({ maxLength: 2048 }))
    .map(([cid, bytes]) => ({ type: 'CHUNK_RESPONSE' as const, cid, bytes })),
  arbCid.map((cid) => ({ type: 'CANCEL' as const, cid })),
  fc
    .tuple(
      fc.constantFrom('NOT_FOUND', 'BUSY', 'CANCELLED', 'BAD_REQUEST', 'INTERNAL' as const),
      fc.string({ maxLength: 100 }),
    )
    .map(([code, message]) => ({ type: 'ERROR' as const, code, message })),
  fc.tuple(arbCid, fc.nat()).map(([cid, offset]) => ({ type: 'MANIFEST_REQUEST' as const, cid, offset })),
  fc.tuple(arbCid, fc.uint8Array({ maxLength: 512 }), fc.nat(1000)).map(([cid, bytes, offset]) => ({
    type: 'MANIFEST_RESPONSE' as const,
    cid,
    offset,
    totalBytes: offset + bytes.length,
    bytes,
  })),
  arbCid.map((manifest) => ({ type: 'REPLICATE_REQUEST' as const, manifest })),
  fc.boolean().map((accepted) => ({ type: 'REPLICATE_RESPONSE' as const, accepted })),
)

/** Comparable form: CIDs as strings, bitfields and byte views as arrays. */
function plain(msg: ExchangeMessage): unknown {
  return JSON.parse(
    JSON.stringify(msg, (_k, v) => {
      if (v instanceof Bitfield) return { size: v.size, bits: [...v.bytes] }
      if (v instanceof Uint8Array) return [...v]
      if (v && typeof v === 'object' && v['/'] !== undefined) return String(v['/'])
      return v
    }),
  )
}

function expectFormatError(bytes: Uint8Array): void {
  try {
    decodeMessage(bytes)
  } catch (err) {
    assert.ok(err instanceof ExchangeFormatError, `threw ${err}`)
    assert.equal((err as ExchangeFormatError).code, 'INVALID_ARGUMENT')
    return
  }
}

describe('exchange messages', () => {
  test('encode/decode round trip', () => {
    fc.assert(
      fc.property(arbMessage, (msg) => {
        const decoded = decodeMessage(encodeMessage(msg))
        assert.deepEqual(plain(decoded), plain(msg))
        if ('cid' in msg) assert.ok((decoded as { cid: CID }).cid.equals(msg.cid))
      }),
      { numRuns: 500 },
    )
  })

  test('every strict prefix of a valid message is rejected with ExchangeFormatError', () => {
    fc.assert(
      fc.property(arbMessage, (msg) => {
        const bytes = encodeMessage(msg)
        for (let n = 0; n < bytes.length; n++) {
          assert.throws(() => decodeMessage(bytes.subarray(0, n)), ExchangeFormatError)
        }
      }),
      { numRuns: 100 },
    )
  })

  test('trailing bytes are rejected', () => {
    fc.assert(
      fc.property(arbMessage, fc.uint8Array({ minLength: 1, maxLength: 8 }), (msg, extra) => {
        const bytes = encodeMessage(msg)
        const longer = new Uint8Array(bytes.length + extra.length)
        longer.set(bytes)
        longer.set(extra, bytes.length)
        assert.throws(() => decodeMessage(longer), ExchangeFormatError)
      }),
      { numRuns: 200 },
    )
  })

  test('garbage never throws anything but ExchangeFormatError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (garbage) => expectFormatError(garbage)),
      { numRuns: 2000 },
    )
    // Mutations of valid messages reach deeper into the decoder than pure noise.
    fc.assert(
      fc.property(arbMessage, fc.nat(), fc.integer({ min: 1, max: 255 }), (msg, pos, xor) => {
        const bytes = encodeMessage(msg).slice()
        bytes[pos % bytes.length] ^= xor
        expectFormatError(bytes)
      }),
      { numRuns: 1000 },
    )
  })

  test('golden bytes', () => {
    const cid = cidOf(new Uint8Array([1]), 0x55)
    const request = encodeMessage({ type: 'CHUNK_REQUEST', cid })
    assert.deepEqual([...request.subarray(0, 3)], [1, 4, cid.bytes.length])
    assert.equal(request.length, 3 + 36)
    const bitfield = encodeMessage({
      type: 'BITFIELD',
      manifest: cid,
      chunkCount: 10,
      has: new Bitfield(10, new Uint8Array([0xa0, 0x40])),
    })
    assert.deepEqual([...bitfield.subarray(3 + 36)], [0, 0, 0, 10, 0, 0xa0, 0x40])
    assert.deepEqual([...encodeMessage({ type: 'ERROR', code: 'BUSY', message: 'hi' })], [1, 7, 2, 0, 2, 0x68, 0x69])
  })

  test('limits: oversized counts, spare bitfield bits and unknown codes are refused', () => {
    const cid = cidOf(new Uint8Array([2]), 0x71)
    const ok = encodeMessage({ type: 'BITFIELD', manifest: cid, chunkCount: 9, has: new Bitfield(9) })
    const spare = ok.slice()
    spare[spare.length - 1] = 0x01 // bit 15 of a 9-bit field
    assert.throws(() => decodeMessage(spare), /bits set past/)
    const huge = ok.slice()
    new DataView(huge.buffer).setUint32(3 + cid.bytes.length, 262_145)
    assert.throws(() => decodeMessage(huge), /exceeds/)
    assert.throws(() => decodeMessage(Uint8Array.of(2, 1)), /unsupported version/)
    assert.throws(() => decodeMessage(Uint8Array.of(1, 99)), /unknown message type/)
    assert.throws(() => decodeMessage(Uint8Array.of(1, 7, 42, 0, 0)), /unknown error code/)
  })
})
