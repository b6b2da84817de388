import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import {
  commonPrefixLength,
  compareBytes,
  compareDistance,
  distance,
  KEY_BITS,
  keyEquals,
  keyInBucket,
} from '../../src/kademlia/key.ts'

const key = fc.uint8Array({ minLength: 32, maxLength: 32 })

test('XOR distance is a metric: d(a,a)=0, symmetric, zero only for equal keys', () => {
  fc.assert(
    fc.property(key, key, (a, b) => {
      assert.ok(distance(a, a).every((x) => x === 0))
      assert.deepEqual(distance(a, b), distance(b, a))
      assert.equal(
        distance(a, b).every((x) => x === 0),
        keyEquals(a, b),
      )
    }),
  )
})

test('compareDistance orders like comparing the XOR distances as integers', () => {
  fc.assert(
    fc.property(key, key, key, (t, a, b) => {
      assert.equal(Math.sign(compareDistance(t, a, b)), Math.sign(compareBytes(distance(t, a), distance(t, b))))
    }),
  )
})

test('commonPrefixLength counts leading equal bits', () => {
  fc.assert(
    fc.property(key, key, (a, b) => {
      const cpl = commonPrefixLength(a, b)
      const bit = (k: Uint8Array, i: number) => (k[i >> 3] >> (7 - (i & 7))) & 1
      for (let i = 0; i < cpl; i++) assert.equal(bit(a, i), bit(b, i))
      if (cpl < KEY_BITS) assert.notEqual(bit(a, cpl), bit(b, cpl))
    }),
  )
  const a = new Uint8Array(32)
  assert.equal(commonPrefixLength(a, a), KEY_BITS)
})

test('keyInBucket yields a key in exactly the asked bucket', () => {
  fc.assert(
    fc.property(key, key, fc.integer({ min: 0, max: KEY_BITS - 1 }), (self, random, cpl) => {
      assert.equal(commonPrefixLength(self, keyInBucket(self, cpl, random)), cpl)
    }),
  )
})
