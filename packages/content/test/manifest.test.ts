import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { describe, test } from 'node:test'
import * as dagCbor from '@ipld/dag-cbor'
import fc from 'fast-check'
import {
  buildManifest,
  type ChunkRef,
  chunkCid,
  cidFromDigest,
  decodeManifest,
  encodeManifest,
  MANIFEST_CODEC,
  MAX_CHUNK_SIZE,
  MAX_MANIFEST_CHUNKS,
  ManifestError,
  manifestCid,
  merkleRoot,
  RAW_CODEC,
} from '../src/index.ts'

const isManifestError = (err: unknown) => err instanceof ManifestError && err.code === 'INVALID_ARGUMENT'
const sha = (...parts: Uint8Array[]) => {
  const hash = createHash('sha256')
  for (const part of parts) hash.update(part)
  return new Uint8Array(hash.digest())
}

const chunkRefArb = fc.record({
  digest: fc.uint8Array({ minLength: 32, maxLength: 32 }),
  size: fc.integer({ min: 1, max: MAX_CHUNK_SIZE }),
})
const inputArb = fc.record({
  name: fc.string({ unit: 'grapheme', maxLength: 40 }).filter((name) => !name.includes('\0')),
  mediaType: fc.constantFrom('application/octet-stream', 'text/plain;charset=utf-8', 'image/png', 'video/mp4'),
  chunks: fc.array(chunkRefArb, { maxLength: 40 }),
})

function sample(chunkCount = 3) {
  const chunks: ChunkRef[] = []
  for (let i = 0; i < chunkCount; i++) chunks.push({ cid: chunkCid(new Uint8Array([i])), size: 1000 + i })
  return buildManifest({ name: 'report.pdf', mediaType: 'application/pdf', chunks })
}

describe('merkleRoot', () => {
  test('follows the documented tree: leaf 0x00, node 0x01, odd node promoted, empty = SHA-256("")', () => {
    const [a, b, c] = [1, 2, 3].map((i) => sha(new Uint8Array([i])))
    const leaf = (d: Uint8Array) => sha(new Uint8Array([0]), d)
    const node = (l: Uint8Array, r: Uint8Array) => sha(new Uint8Array([1]), l, r)
    assert.deepEqual(merkleRoot([]), sha())
    assert.deepEqual(merkleRoot([a]), leaf(a))
    assert.deepEqual(merkleRoot([a, b]), node(leaf(a), leaf(b)))
    assert.deepEqual(merkleRoot([a, b, c]), node(node(leaf(a), leaf(b)), leaf(c)))
    assert.notDeepEqual(merkleRoot([a, b]), merkleRoot([b, a]))
  })
})

describe('manifest', () => {
  test('encode/decode round trip is exact and the encoding is deterministic', () => {
    fc.assert(
      fc.property(inputArb, ({ name, mediaType, chunks }) => {
        const refs = chunks.map(({ digest, size }) => ({ cid: cidFromDigest(RAW_CODEC, digest), size }))
        const built = buildManifest({ name, mediaType, chunks: refs })
        assert.equal(
          built.manifest.size,
          refs.reduce((sum, ref) => sum + ref.size, 0),
        )
        const decoded = decodeManifest(built.bytes)
        assert.deepEqual(decoded, built.manifest)
        assert.deepEqual(encodeManifest(decoded), built.bytes)
        assert.ok(manifestCid(built.bytes).equals(built.cid))
        assert.equal(built.cid.code, MANIFEST_CODEC)
      }),
      { numRuns: 200 },
    )
  })

  test('an empty file has a valid manifest with the empty root', () => {
    const { manifest, bytes } = buildManifest({ name: 'empty', chunks: [] })
    assert.equal(manifest.size, 0)
    assert.equal(manifest.mediaType, 'application/octet-stream')
    assert.deepEqual(manifest.merkleRoot, sha())
    assert.deepEqual(decodeManifest(bytes), manifest)
  })

  test('every invalid field is rejected with ManifestError', () => {
    const { manifest } = sample()
    const good = { ...manifest }
    const encodable = (m: Record<string, unknown>) => dagCbor.encode(m)
    const cases: Record<string, Record<string, unknown>> = {
      'extra key': { ...good, extra: 1 },
      'missing key': { ...good, mediaType: undefined },
      'version 2': { ...good, version: 2 },
      'name not a string': { ...good, name: 5 },
      'name with NUL': { ...good, name: 'a\0b' },
      'name too long': { ...good, name: 'é'.repeat(600) },
      'bad mediaType': { ...good, mediaType: 'not a type' },
      'mediaType with newline': { ...good, mediaType: 'text/plain\n' },
      'negative size': { ...good, size: -1 },
      'fractional size': { ...good, size: 1.5 },
      'size mismatch': { ...good, size: good.size + 1 },
      'chunks not an array': { ...good, chunks: {} },
      'chunk with extra key': { ...good, chunks: good.chunks.map((c) => ({ ...c, x: 1 })) },
      'chunk with manifest cid': {
        ...good,
        chunks: good.chunks.map((c) => ({ ...c, cid: cidFromDigest(MANIFEST_CODEC, c.cid.multihash.digest) })),
      },
      'chunk cid as bytes': { ...good, chunks: good.chunks.map((c) => ({ ...c, cid: c.cid.bytes })) },
      'chunk size 0': {
        ...good,
        size: 0,
        chunks: good.chunks.map((c) => ({ ...c, size: 0 })),
      },
      'chunk too large': {
        ...good,
        size: good.size - good.chunks[0].size + MAX_CHUNK_SIZE + 1,
        chunks: good.chunks.map((c, i) => (i === 0 ? { ...c, size: MAX_CHUNK_SIZE + 1 } : c)),
      },
      'too many chunks': { ...good, chunks: new Array(MAX_MANIFEST_CHUNKS + 1).fill(0) },
      'wrong merkle root': { ...good, merkleRoot: sha(new Uint8Array([9])) },
      'short merkle root': { ...good, merkleRoot: good.merkleRoot.subarray(0, 31) },
      'chunks reordered': { ...good, chunks: [...good.chunks].reverse() },
    }
    for (const [label, value] of Object.entries(cases)) {
      const clean = Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined))
      assert.throws(() => decodeManifest(encodable(clean)), isManifestError, label)
      assert.throws(() => encodeManifest(clean as never), isManifestError, label)
    }
    assert.throws(() => decodeManifest(dagCbor.encode([1, 2, 3])), isManifestError)
    assert.throws(() => decodeManifest(new Uint8Array(0)), isManifestError)
    assert.throws(() => decodeManifest('nope' as unknown as Uint8Array), isManifestError)
  })

  test('non-canonical encodings of a valid manifest are rejected', () => {
    const { bytes } = sample(1)
    // Same map with one more (ignored-by-JSON) trailing byte.
    assert.throws(() => decodeManifest(new Uint8Array([...bytes, 0])), isManifestError)
    // version encoded as a 2-byte integer instead of the minimal form: 0x18 0x01 for 0x01.
    const at = bytes.indexOf(0x01, Buffer.from(bytes).indexOf('version') + 7)
    const widened = new Uint8Array([...bytes.subarray(0, at), 0x18, 0x01, ...bytes.subarray(at + 1)])
    assert.throws(() => decodeManifest(widened), isManifestError)
  })

  test('fuzz: random garbage never decodes and throws only ManifestError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (garbage) => {
        assert.throws(() => decodeManifest(garbage), isManifestError)
      }),
      { numRuns: 2000 },
    )
  })

  test('fuzz: mutated valid manifests throw only ManifestError or decode canonically', () => {
    const { bytes } = sample(4)
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            at: fc.nat({ max: bytes.length - 1 }),
            value: fc.integer({ min: 0, max: 255 }),
            op: fc.constantFrom('set', 'insert', 'delete'),
          }),
          { minLength: 1, maxLength: 4 },
        ),
        (edits) => {
          let mutated = Array.from(bytes)
          for (const { at, value, op } of edits) {
            const i = Math.min(at, mutated.length - 1)
            if (op === 'set') mutated[i] = value
            else if (op === 'insert') mutated.splice(i, 0, value)
            else mutated.splice(i, 1)
          }
          const input = new Uint8Array(mutated)
          try {
            const decoded = decodeManifest(input)
            // Only possible when the edit kept a valid manifest (e.g. changed a letter of the name).
            assert.deepEqual(encodeManifest(decoded), input)
          } catch (err) {
            assert.ok(isManifestError(err), String(err))
          }
          mutated = []
        },
      ),
      { numRuns: 3000 },
    )
  })
})
