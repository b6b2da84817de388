import { generateReadKey, type ShareEnvelope, signEnvelope, wrapForRecipient } from '@netswarm/content/private'
import type { LocalIdentity } from '@netswarm/identity'
import { SimClock } from '@netswarm/sim'
import { DhtNode, type DhtNodeComponents, type DhtNodeInit } from '../../src/node.ts'

/**
 * A DhtNode that answers requests but cannot reach anyone (every outgoing request fails), on a
 * simulated clock: for tests of how a node handles the requests it receives.
 */
export function offlineNode(components: Partial<DhtNodeComponents> = {}, init: Partial<DhtNodeInit> = {}): DhtNode {
  return new DhtNode(
    {
      clock: new SimClock(),
      transport: {
        request: () => Promise.reject(new Error('offline')),
        dial: () => Promise.reject(new Error('offline')),
      },
      randomBytes: (n) => new Uint8Array(n),
      ...components,
    },
    { id: new Uint8Array(32), addresses: ['127.0.0.1:1'], ...init },
  )
}

/** A share of `cid` from `sender` to `recipient` with a fresh read key, signed as a gateway does. */
export function shareEnvelope(
  cid: string,
  sender: LocalIdentity,
  recipient: LocalIdentity,
  name: string,
): ShareEnvelope {
  const wrapped = wrapForRecipient({
    cid,
    readKey: generateReadKey(),
    name,
    recipientEd25519: recipient.publicKey,
    recipientX25519: recipient.x25519PublicKey,
  })
  return signEnvelope(wrapped, recipient.publicKey, sender)
}
