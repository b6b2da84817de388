import assert from 'node:assert/strict'
import { generateKeyPairSync } from 'node:crypto'
import { test } from 'node:test'
import { ed25519PublicToX25519, generateIdentity, IdentityError, x25519, x25519PublicBytes } from '../src/index.ts'

test('the X25519 key derived from the private key matches the one converted from the public key', () => {
  for (let i = 0; i < 20; i++) {
    const identity = generateIdentity()
    assert.deepEqual(ed25519PublicToX25519(identity.publicKey), identity.x25519PublicKey)
  }
})

test('agreement with an identity works from its Ed25519 public key alone', () => {
  const identity = generateIdentity()
  const ephemeral = generateKeyPairSync('x25519').privateKey
  const theirs = x25519(ephemeral, ed25519PublicToX25519(identity.publicKey))
  assert.deepEqual(identity.agree(x25519PublicBytes(ephemeral)), theirs)
  assert.notDeepEqual(generateIdentity().agree(x25519PublicBytes(ephemeral)), theirs)
})

test('malformed keys are refused with IdentityError', () => {
  assert.throws(() => ed25519PublicToX25519(new Uint8Array(31)), IdentityError)
  const one = new Uint8Array(32)
  one[0] = 1
  assert.throws(() => ed25519PublicToX25519(one), IdentityError)
  assert.throws(() => generateIdentity().agree(new Uint8Array(32)), IdentityError)
})
