/** gRPC adapter of the inbox RPCs of DhtService: proto ⇄ domain mapping, nothing else. */
import { parseEnvelope, type ShareEnvelope } from '@netswarm/content/private'
import { callSignal, type grpc, InvalidArgumentError, unary } from '@netswarm/runtime'
import type { InboxService } from './inbox-service.ts'

/** ShareEnvelope as proto-loader decodes it. */
interface ShareEnvelope__Output {
  version: number
  cid: string
  epk: string
  box: string
  sender: string
  sig: string
}

function recipientFromProto(bytes: Buffer): Uint8Array {
  if (bytes.length !== 32) throw new InvalidArgumentError('recipient must be a raw 32-byte Ed25519 key')
  return new Uint8Array(bytes)
}

function envelopeFromProto(e: ShareEnvelope__Output | null | undefined): ShareEnvelope {
  if (!e) throw new InvalidArgumentError('envelope is required')
  try {
    return parseEnvelope({ version: e.version, cid: e.cid, epk: e.epk, box: e.box, sender: e.sender, sig: e.sig })
  } catch (cause) {
    throw new InvalidArgumentError((cause as Error).message, { cause })
  }
}

/** The inbox RPCs (DeliverShare, GetInbox) over an {@link InboxService}. */
export function createInboxHandlers(inbox: InboxService): grpc.UntypedServiceImplementation {
  return {
    DeliverShare: unary(async (req: { recipient: Buffer; envelope: ShareEnvelope__Output | null }, call) => {
      const recipient = recipientFromProto(req.recipient)
      return inbox.deliver(recipient, envelopeFromProto(req.envelope), callSignal(call))
    }),
    GetInbox: unary(async (req: { recipient: Buffer }, call) => {
      return { envelopes: await inbox.read(recipientFromProto(req.recipient), callSignal(call)) }
    }),
  }
}
