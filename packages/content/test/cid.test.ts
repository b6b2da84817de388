import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { describe, test } from 'node:test'
import * as dagCbor from '@ipld/dag-cbor'
import { CID } from 'multiformats/cid'
import * as Digest from 'multiformats/hashes/digest'
import {
  chunkCid,
  decodeCid,
  InvalidCidError,
  isChunkCid,
  isManifestCid,
  MANIFEST_CODEC,
  manifestCid,
  parseChunkCid,
  parseCid,
  parseManifestCid,
  RAW_CODEC,
  verifyChunk,
} from '../src/index.ts'

const isInvalidCid = (err: unknown) => err instanceof InvalidCidError && err.code === 'INVALID_ARGUMENT'

describe('CIDs', () => {
  test('chunk CIDs are CIDv1 raw sha2-256 of the bytes', () => {
    const bytes = new TextEncoder().encode('hello netswarm')
    const cid = chunkCid(bytes)
    assert.equal(cid.version, 1)
    assert.equal(cid.code, RAW_CODEC)
    assert.equal(cid.multihash.code, 0x12)
    assert.deepEqual(cid.multihash.digest, new Uint8Array(createHash('sha256').update(bytes).digest()))
    assert.ok(isChunkCid(cid) && !isManifestCid(cid))
    assert.ok(parseCid(cid.toString()).equals(cid))
    assert.ok(parseChunkCid(cid.toString()).equals(cid))
    assert.ok(decodeCid(cid.bytes).equals(cid))
    // Known vector: CIDv1 raw of the empty string.
    assert.equal(chunkCid(new Uint8Array(0)).toString(), 'bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku')
  })

  test('manifest CIDs are CIDv1 dag-cbor sha2-256', () => {
    const cid = manifestCid(dagCbor.encode({ a: 1 }))
    assert.equal(cid.code, MANIFEST_CODEC)
    assert.ok(isManifestCid(cid) && !isChunkCid(cid))
    assert.ok(parseManifestCid(cid.toString()).equals(cid))
    assert.throws(() => parseChunkCid(cid.toString()), isInvalidCid)
    assert.throws(() => parseManifestCid(chunkCid(new Uint8Array(1)).toString()), isInvalidCid)
  })

  test('malformed CID strings and wrong version/codec/hash give InvalidCidError', async () => {
    const digest = new Uint8Array(createHash('sha256').update('x').digest())
    const { identity } = await import('multiformats/hashes/identity')
    const bad = [
      '',
      'not a cid',
      'bafkrei',
      'bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyk!',
      'x'.repeat(500),
      // CIDv0 (Qm…, dag-pb)
      CID.createV0(Digest.create(0x12, digest)).toString(),
      // dag-pb codec
      CID.createV1(0x70, Digest.create(0x12, digest)).toString(),
      // sha2-512 hash code with a 32-byte digest
      CID.createV1(RAW_CODEC, Digest.create(0x13, digest)).toString(),
      // identity hash
      CID.createV1(RAW_CODEC, identity.digest(new Uint8Array([1, 2, 3]))).toString(),
      // truncated digest
      CID.createV1(RAW_CODEC, Digest.create(0x12, digest.subarray(0, 20))).toString(),
    ]
    for (const text of bad) assert.throws(() => parseCid(text), isInvalidCid, text)
    assert.throws(() => parseCid(42 as unknown as string), isInvalidCid)
    assert.throws(() => decodeCid(new Uint8Array([1, 2, 3])), isInvalidCid)
  })

  test('verifyChunk accepts the right bytes, rejects changed ones, refuses non-chunk CIDs', () => {
    const bytes = new Uint8Array(1000).fill(7)
    const cid = chunkCid(bytes)
    assert.equal(verifyChunk(cid, bytes), true)
    const flipped = bytes.slice()
    flipped[500] ^= 1
    assert.equal(verifyChunk(cid, flipped), false)
    assert.equal(verifyChunk(cid, bytes.subarray(1)), false)
    assert.throws(() => verifyChunk(manifestCid(bytes), bytes), isInvalidCid)
  })
})
