import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { generateIdentity } from '@netswarm/identity'
import fc from 'fast-check'
import {
  decodeReadKey,
  encodeReadKey,
  gatewayReadLink,
  generateReadKey,
  openEnvelope,
  PrivateFormatError,
  parseCapability,
  parseEnvelope,
  readLink,
  verifyLink,
  wrapForRecipient,
} from '../../src/private/index.ts'

const CID = 'bafyreigdmqpykrgxyaxtlafqpqhzrb7qy2rh75nldvfd4tucqmqqme5yje'

describe('capability links', () => {
  test('read links round trip in every form; verify links carry no key', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (key) => {
        for (const link of [
          readLink(CID, key),
          gatewayReadLink('http://127.0.0.1:8080/', CID, key),
          `netswarm://${CID}#${encodeReadKey(key)}`,
        ]) {
          const cap = parseCapability(link)
          assert.equal(cap.cid, CID)
          assert.deepEqual(cap.readKey, key)
        }
      }),
    )
    assert.deepEqual(parseCapability(verifyLink(CID)), { cid: CID })
    assert.deepEqual(parseCapability(CID), { cid: CID })
  })

  test('bad links and keys give PrivateFormatError', () => {
    for (const bad of [`netswarm://${CID}#k=short`, 'netswarm://not a cid', 'http://x/y/z#k=abc', '']) {
      assert.throws(() => parseCapability(bad), PrivateFormatError)
    }
    assert.throws(() => decodeReadKey('A'.repeat(44)), PrivateFormatError)
  })
})

describe('sharing by public key', () => {
  test('the named recipient opens the envelope; another identity and a re-targeted envelope do not', () => {
    const recipient = generateIdentity()
    const other = generateIdentity()
    const readKey = generateReadKey()
    const envelope = wrapForRecipient({
      cid: CID,
      readKey,
      name: 'plan.pdf',
      from: 'alice',
      recipientEd25519: recipient.publicKey,
      recipientX25519: recipient.x25519PublicKey,
    })
    const parsed = parseEnvelope(JSON.parse(JSON.stringify(envelope)))
    const opened = openEnvelope(parsed, recipient)
    assert.deepEqual(opened, { cid: CID, readKey, name: 'plan.pdf', from: 'alice' })
    assert.equal(openEnvelope(parsed, other), undefined)
    const otherCid = CID.replace('je', 'ja')
    assert.equal(openEnvelope({ ...parsed, cid: otherCid }, recipient), undefined)
    assert.equal(encodeReadKey(readKey).length, 43)
    assert.throws(() => parseEnvelope({ version: 1, cid: CID }), PrivateFormatError)
  })
})
