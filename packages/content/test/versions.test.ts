import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import * as dagCbor from '@ipld/dag-cbor'
import fc from 'fast-check'
import {
  cidFromDigest,
  decodeVersionLog,
  decodeVersionRecord,
  encodeVersionLog,
  encodeVersionRecord,
  MANIFEST_CODEC,
  MAX_VERSION_MESSAGE_BYTES,
  MAX_VERSION_RECORD_BYTES,
  RAW_CODEC,
  sharedCount,
  type VersionEntry,
  VersionError,
  type VersionRecordValue,
} from '../src/index.ts'

const isVersionError = (err: unknown) => err instanceof VersionError && err.code === 'INVALID_ARGUMENT'
const cidArb = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((d) => cidFromDigest(MANIFEST_CODEC, d))
const messageArb = fc
  .string({ unit: 'grapheme', maxLength: 60 })
  .filter((m) => !m.includes('\0') && Buffer.byteLength(m) <= MAX_VERSION_MESSAGE_BYTES)
const recordArb: fc.Arbitrary<VersionRecordValue> = fc.record({
  sequence: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
  cid: cidArb,
  previous: fc.option(cidArb, { nil: null }),
  timeMs: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  message: messageArb,
  log: fc.option(cidArb, { nil: null }),
})
const entriesArb: fc.Arbitrary<VersionEntry[]> = fc
  .array(
    fc.record({
      cid: cidArb,
      previous: fc.option(cidArb, { nil: null }),
      timeMs: fc.nat(),
      message: messageArb,
      chunks: fc.nat({ max: 10_000 }),
      shared: fc.nat({ max: 10_000 }),
    }),
    { maxLength: 20 },
  )
  .map((rows) =>
    rows.map((r, i) => ({
      sequence: i + 1,
      cid: r.cid,
      previous: r.previous,
      timeMs: r.timeMs,
      message: r.message,
      chunks: r.chunks,
      sharedChunks: Math.min(r.shared, r.chunks),
    })),
  )

describe('version record value', () => {
  test('round trips and stays within the DHT limit, even with the longest message', () => {
    fc.assert(
      fc.property(recordArb, (record) => {
        const bytes = encodeVersionRecord(record)
        assert.ok(bytes.length <= MAX_VERSION_RECORD_BYTES)
        const back = decodeVersionRecord(bytes)
        assert.deepEqual(
          { ...back, cid: back.cid.toString(), previous: back.previous?.toString(), log: back.log?.toString() },
          { ...record, cid: record.cid.toString(), previous: record.previous?.toString(), log: record.log?.toString() },
        )
      }),
    )
    fc.assert(
      fc.property(recordArb, (record) => {
        const longest = { ...record, message: 'é'.repeat(MAX_VERSION_MESSAGE_BYTES / 2) }
        assert.ok(encodeVersionRecord(longest).length <= MAX_VERSION_RECORD_BYTES)
      }),
      { numRuns: 20 },
    )
  })

  test('garbage and truncated bytes give VersionError, never another error', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        try {
          decodeVersionRecord(bytes)
        } catch (err) {
          assert.ok(isVersionError(err), String(err))
        }
      }),
    )
    fc.assert(
      fc.property(recordArb, fc.nat(), (record, cut) => {
        const bytes = encodeVersionRecord(record)
        assert.throws(() => decodeVersionRecord(bytes.subarray(0, cut % bytes.length)), isVersionError)
      }),
    )
  })

  test('refuses bad fields: long message, chunk CID, sequence 0, extra keys, non-canonical encoding', () => {
    const cid = cidFromDigest(MANIFEST_CODEC, new Uint8Array(32).fill(7))
    const base: VersionRecordValue = { sequence: 1, cid, previous: null, timeMs: 5, message: '', log: null }
    assert.throws(
      () => encodeVersionRecord({ ...base, message: 'x'.repeat(MAX_VERSION_MESSAGE_BYTES + 1) }),
      isVersionError,
    )
    assert.throws(
      () => encodeVersionRecord({ ...base, cid: cidFromDigest(RAW_CODEC, new Uint8Array(32)) }),
      isVersionError,
    )
    assert.throws(() => encodeVersionRecord({ ...base, sequence: 0 }), isVersionError)
    assert.throws(() => encodeVersionRecord({ ...base, message: 'a\0b' }), isVersionError)
    const extra = dagCbor.encode({ v: 1, seq: 1, cid, prev: null, time: 5, msg: '', log: null, x: 1 })
    assert.throws(() => decodeVersionRecord(extra), isVersionError)
    const ok = encodeVersionRecord(base)
    assert.equal(decodeVersionRecord(ok).sequence, 1)
    // The same map with a non-minimal integer (seq as a 2-byte uint) is not canonical.
    const nonCanonical = Buffer.from(ok)
      .toString('hex')
      .replace('63736571' + '01', '63736571' + '1801')
    assert.notEqual(nonCanonical, Buffer.from(ok).toString('hex'))
    assert.throws(() => decodeVersionRecord(Buffer.from(nonCanonical, 'hex')), isVersionError)
  })
})

describe('version log', () => {
  test('round trips', () => {
    fc.assert(
      fc.property(entriesArb, (entries) => {
        const back = decodeVersionLog(encodeVersionLog(entries))
        assert.deepEqual(
          back.map((e) => ({ ...e, cid: e.cid.toString(), previous: e.previous?.toString() })),
          entries.map((e) => ({ ...e, cid: e.cid.toString(), previous: e.previous?.toString() })),
        )
      }),
    )
  })

  test('refuses decreasing sequences and shared > chunks', () => {
    const cid = cidFromDigest(MANIFEST_CODEC, new Uint8Array(32))
    const entry: VersionEntry = { sequence: 2, cid, previous: null, timeMs: 0, message: '', chunks: 1, sharedChunks: 0 }
    assert.throws(() => encodeVersionLog([entry, { ...entry, sequence: 1 }]), isVersionError)
    assert.throws(() => encodeVersionLog([{ ...entry, sharedChunks: 2 }]), isVersionError)
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        try {
          decodeVersionLog(bytes)
        } catch (err) {
          assert.ok(isVersionError(err), String(err))
        }
      }),
    )
  })
})

test('sharedCount counts distinct CIDs present in the previous set', () => {
  assert.equal(sharedCount(['a', 'b', 'b', 'c'], new Set(['b', 'c', 'd'])), 2)
  assert.equal(sharedCount([], new Set(['a'])), 0)
})
