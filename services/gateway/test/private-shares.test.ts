import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  generateReadKey,
  PrivateFormatError,
  type ShareEnvelope,
  signEnvelope,
  wrapForRecipient,
} from '@netswarm/content/private'
import { generateIdentity, type LocalIdentity } from '@netswarm/identity'
import { isNetSwarmError, type Logger } from '@netswarm/runtime'
import { type InboxRecord, type InboxRecords, inboxKey } from '../src/private/inbox-records.ts'
import { createPrivateFiles, INBOX_MEDIA_TYPE } from '../src/private/private-files.ts'
import { MemoryBackend } from './helpers/memory-backend.ts'

const CID = 'bafyreigdmqpykrgxyaxtlafqpqhzrb7qy2rh75nldvfd4tucqmqqme5yje'

/** Inbox records in a map: the DHT's signature and sequence checks are the DHT's own tests. */
function memoryRecords(): InboxRecords {
  const records = new Map<string, InboxRecord>()
  const id = (key: { publicKey: Uint8Array }) => Buffer.from(key.publicKey).toString('hex')
  return {
    get: async (key) => records.get(id(key)),
    put: async (key, record) => {
      records.set(id(key), record)
      return 1
    },
    close() {},
  }
}

function wrapFor(recipient: LocalIdentity, name: string) {
  return wrapForRecipient({
    cid: CID,
    readKey: generateReadKey(),
    name,
    recipientEd25519: recipient.publicKey,
    recipientX25519: recipient.x25519PublicKey,
  })
}

test('the sending gateway signs shares; the recipient lists only envelopes whose signature verifies', async () => {
  const backend = new MemoryBackend()
  const records = memoryRecords()
  const [alice, bob, mallory] = [generateIdentity(), generateIdentity(), generateIdentity()]
  const debug: Record<string, unknown>[] = []
  const log = { debug: (fields: Record<string, unknown>) => debug.push(fields) } as unknown as Logger
  const gateway = (identity?: LocalIdentity) =>
    createPrivateFiles({ backend, records, identity, lookupTimeoutMs: 1000, log })
  const bobKey = Buffer.from(bob.publicKey).toString('hex')

  await gateway(alice).deliver(bobKey, wrapFor(bob, 'genuine.txt'))

  // Mallory writes the inbox directly (its key is public): a share signed by her but naming Alice,
  // Alice's envelope with another CID, and an unsigned version 1 envelope.
  const genuine = await (async () => {
    const record = await records.get(inboxKey(bob.publicKey))
    assert.ok(record)
    const body = await backend.transfer.readFile(record.value, { offset: 0, length: 0 })
    const parts: Uint8Array[] = []
    for await (const part of body.data) parts.push(part)
    return (JSON.parse(Buffer.concat(parts).toString()) as { envelopes: ShareEnvelope[] }).envelopes
  })()
  assert.equal(genuine.length, 1)
  const signedByMallory = signEnvelope(wrapFor(bob, 'forged.txt'), bob.publicKey, mallory)
  const forged = { ...signedByMallory, sender: Buffer.from(alice.publicKey).toString('base64url') }
  const retargeted = { ...genuine[0], cid: CID.replace('je', 'ja') }
  const { sender: _s, sig: _g, ...rest } = genuine[0]
  const v1 = { ...rest, version: 1 }
  const list = Buffer.from(JSON.stringify({ version: 1, envelopes: [...genuine, forged, retargeted, v1] }))
  const published = await backend.transfer.publish(
    (async function* () {
      yield list
    })(),
    { name: 'inbox.json', mediaType: INBOX_MEDIA_TYPE },
  )
  await records.put(inboxKey(bob.publicKey), { sequence: 2, value: published.cid })

  const shared = await gateway(bob).shared('http://127.0.0.1:1')
  assert.deepEqual(
    shared.map((s) => [s.name, s.from, s.fromPublicKey]),
    [['genuine.txt', alice.peerId.toString(), Buffer.from(alice.publicKey).toString('hex')]],
  )
  const dropped = debug.at(-1)
  assert.equal(dropped?.forgedOrNotOurs, 2)
  assert.equal(dropped?.malformed, 1)
  assert.match(String(dropped?.reasons), /version 1/)

  // Delivery refuses a version 1 (or already signed) envelope, and needs the peer's identity to sign.
  await assert.rejects(gateway(alice).deliver(bobKey, v1), PrivateFormatError)
  await assert.rejects(gateway(alice).deliver(bobKey, genuine[0]), PrivateFormatError)
  await assert.rejects(
    gateway().deliver(bobKey, wrapFor(bob, 'x')),
    (err) => isNetSwarmError(err) && err.code === 'FAILED_PRECONDITION',
  )
})
