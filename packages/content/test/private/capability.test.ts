import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import {
  decodeReadKey,
  encodeReadKey,
  gatewayReadLink,
  PrivateFormatError,
  parseCapability,
  readLink,
  verifyLink,
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
