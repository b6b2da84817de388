/**
 * Inbox entries (docs/dht.md#share-inboxes): share envelopes stored under a key derived from their
 * recipient's public key. The envelope format and its signature are the content package's
 * (packages/content/src/private/share.ts); this module only derives keys and checks envelopes
 * for a recipient.
 */
import { createHash } from 'node:crypto'
import { type ShareEnvelope, verifyEnvelope } from '@netswarm/content/private'
import type { Key } from '../kademlia/key.ts'

const INBOX_LABEL = 'netswarm-inbox-v1'

/** The DHT key of a recipient's inbox: SHA-256("netswarm-inbox-v1" ‖ recipient Ed25519 key). */
export function inboxKey(recipientEd25519: Uint8Array): Key {
  return new Uint8Array(createHash('sha256').update(INBOX_LABEL).update(recipientEd25519).digest())
}

/** The raw Ed25519 key that signed `envelope`. */
export function envelopeSender(envelope: ShareEnvelope): Uint8Array {
  return new Uint8Array(Buffer.from(envelope.sender, 'base64url'))
}

/** The peer ID (SHA-256 of the key) of the envelope's sender. */
export function senderId(envelope: ShareEnvelope): Uint8Array {
  return new Uint8Array(createHash('sha256').update(envelopeSender(envelope)).digest())
}

/** Why an envelope was refused for a recipient. */
export type EnvelopeProblem = 'bad-recipient' | 'bad-signature'

/**
 * Checks a well-formed envelope (as `parseEnvelope` returns it) against `recipientEd25519`: the
 * sender's signature covers the recipient key, so another recipient's envelope, an altered one
 * and a forged one all fail here. Undefined when it verifies.
 */
export function envelopeProblem(envelope: ShareEnvelope, recipientEd25519: Uint8Array): EnvelopeProblem | undefined {
  if (!(recipientEd25519 instanceof Uint8Array) || recipientEd25519.length !== 32) return 'bad-recipient'
  return verifyEnvelope(envelope, recipientEd25519) ? undefined : 'bad-signature'
}

/** Identity of an envelope in an inbox: its sender and its ephemeral key (fresh per envelope). */
export function envelopeId(envelope: ShareEnvelope): string {
  return `${envelope.sender}:${envelope.epk}`
}
