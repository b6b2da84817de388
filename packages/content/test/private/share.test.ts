import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { generateIdentity, type LocalIdentity } from '@netswarm/identity'
import fc from 'fast-check'
import {
  generateReadKey,
  openEnvelope,
  PrivateFormatError,
  parseEnvelope,
  parseWrappedShare,
  type ShareEnvelope,
  signEnvelope,
  verifyEnvelope,
  wrapForRecipient,
} from '../../src/private/index.ts'

const CID = 'bafyreigdmqpykrgxyaxtlafqpqhzrb7qy2rh75nldvfd4tucqmqqme5yje'
const OTHER_CID = 'bafyreigdmqpykrgxyaxtlafqpqhzrb7qy2rh75nldvfd4tucqmqqme5yja'
const alice = generateIdentity()
const bob = generateIdentity()
const mallory = generateIdentity()

function share(sender: LocalIdentity, recipient: LocalIdentity, name = 'plan.pdf', readKey = generateReadKey()) {
  const wrapped = wrapForRecipient({
    cid: CID,
    readKey,
    name,
    recipientEd25519: recipient.publicKey,
    recipientX25519: recipient.x25519PublicKey,
  })
  return { envelope: signEnvelope(wrapped, recipient.publicKey, sender), readKey }
}

/** Flips one bit of a base64url field's decoded bytes. */
function flip(text: string, bit: number): string {
  const bytes = Buffer.from(text, 'base64url')
  const at = bit % (bytes.length * 8)
  bytes[at >> 3] ^= 1 << (at & 7)
  return bytes.toString('base64url')
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url')
const unsigned = ({ version, cid, epk, box }: ShareEnvelope) => ({ version, cid, epk, box })

describe('signed share envelopes', () => {
  test('a signed envelope survives JSON, verifies and opens for its recipient only, naming its signer', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.string({ maxLength: 60 }), (readKey, name) => {
        const { envelope } = share(alice, bob, name, readKey)
        const parsed = parseEnvelope(JSON.parse(JSON.stringify(envelope)))
        assert.equal(parsed.version, 2)
        assert.equal(parsed.sender, b64(alice.publicKey))
        assert.ok(verifyEnvelope(parsed, bob.publicKey))
        assert.deepEqual(openEnvelope(parsed, bob), { cid: CID, readKey, name, sender: alice.publicKey })
        // Re-targeting: the signature covers the recipient, and another identity cannot open it.
        assert.equal(verifyEnvelope(parsed, mallory.publicKey), false)
        assert.equal(openEnvelope(parsed, mallory), undefined)
      }),
      { numRuns: 30 },
    )
  })

  test('altering the sender key, CID, epk or box (any bit) is refused', () => {
    const { envelope } = share(alice, bob)
    const alterations: [string, (e: ShareEnvelope, bit: number) => ShareEnvelope][] = [
      ['sender', (e, bit) => ({ ...e, sender: flip(e.sender, bit) })],
      ['cid', (e) => ({ ...e, cid: OTHER_CID })],
      ['epk', (e, bit) => ({ ...e, epk: flip(e.epk, bit) })],
      ['box', (e, bit) => ({ ...e, box: flip(e.box, bit) })],
      ['sig', (e, bit) => ({ ...e, sig: flip(e.sig, bit) })],
    ]
    fc.assert(
      fc.property(fc.constantFrom(...alterations), fc.nat(), ([field, alter], bit) => {
        const altered = parseEnvelope(alter(envelope, bit))
        assert.equal(verifyEnvelope(altered, bob.publicKey), false, field)
        assert.equal(openEnvelope(altered, bob), undefined, field)
      }),
      { numRuns: 100 },
    )
  })

  test('a forged envelope signed by key A but claiming key B is refused', () => {
    // Mallory wraps a share for Bob and signs it herself, but names Alice as the sender.
    const { envelope } = share(mallory, bob)
    const forged = { ...envelope, sender: b64(alice.publicKey) }
    assert.equal(verifyEnvelope(forged, bob.publicKey), false)
    assert.equal(openEnvelope(forged, bob), undefined)
    // Re-signing Alice's envelope makes it Mallory's: the sender shown is the key that signed.
    const { envelope: fromAlice } = share(alice, bob)
    const resigned = signEnvelope(unsigned(fromAlice), bob.publicKey, mallory)
    assert.deepEqual(openEnvelope(resigned, bob)?.sender, mallory.publicKey)
    // An altered box re-signed by a valid key still fails the AEAD.
    const tampered = signEnvelope({ ...unsigned(fromAlice), box: flip(fromAlice.box, 3) }, bob.publicKey, mallory)
    assert.ok(verifyEnvelope(tampered, bob.publicKey))
    assert.equal(openEnvelope(tampered, bob), undefined)
  })

  test('version 1 (unsigned) envelopes are refused with a clear reason', () => {
    const { envelope } = share(alice, bob)
    const v1 = { version: 1, cid: envelope.cid, epk: envelope.epk, box: envelope.box }
    assert.throws(() => parseEnvelope(v1), { name: 'PrivateFormatError', message: /version 1 .*unsigned/ })
    assert.throws(() => parseWrappedShare(v1), /version 1 .*unsigned/)
    assert.throws(() => parseEnvelope({ ...envelope, version: 1 }), PrivateFormatError)
    assert.throws(() => parseEnvelope({ ...envelope, version: 3 }), /version must be 2/)
  })

  test('malformed envelopes and wrapped shares give PrivateFormatError', () => {
    const { envelope } = share(alice, bob)
    const wrapped = unsigned(envelope)
    assert.deepEqual(parseWrappedShare(JSON.parse(JSON.stringify(wrapped))), wrapped)
    const bad: unknown[] = [
      null,
      'envelope',
      [envelope],
      wrapped,
      { ...envelope, extra: 1 },
      { ...envelope, sig: envelope.sig.slice(1) },
      { ...envelope, sender: 'x'.repeat(44) },
      { ...envelope, epk: `${envelope.epk}A` },
      { ...envelope, box: '' },
      { ...envelope, box: 'a'.repeat(4097) },
      { ...envelope, cid: 'not a cid' },
      { ...envelope, cid: 'b'.repeat(300) },
      { ...envelope, cid: 42 },
    ]
    for (const value of bad) assert.throws(() => parseEnvelope(value), PrivateFormatError, JSON.stringify(value))
    // A wrapped share is exactly version, cid, epk and box: a signed one is not re-signed.
    assert.throws(() => parseWrappedShare(envelope), PrivateFormatError)
    assert.throws(() => signEnvelope({ ...wrapped, epk: 'short' }, bob.publicKey, alice), PrivateFormatError)
    assert.throws(() => signEnvelope(wrapped, bob.publicKey.subarray(1), alice), PrivateFormatError)
  })
})
