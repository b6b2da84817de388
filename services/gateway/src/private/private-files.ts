/**
 * The gateway's private-file operations (docs/crypto.md): encrypt an upload into a carrier and
 * publish it, open a carrier with a read key, deliver share envelopes to a recipient's inbox, and
 * list the shares this peer's identity can open. The transfer service only ever sees carriers.
 */

import {
  type CarrierReader,
  gatewayReadLink,
  type OpenedFile,
  openEnvelope,
  openFile,
  PRIVATE_CARRIER_NAME,
  PRIVATE_MEDIA_TYPE,
  parseEnvelope,
  parseWrappedShare,
  readLink,
  type ShareEnvelope,
  type ShareRecipient,
  type ShareSigner,
  sealFile,
  signEnvelope,
  verifyLink,
} from '@netswarm/content/private'
import { type DhtClient, inboxKey } from '@netswarm/dht'
import { PeerId } from '@netswarm/identity'
import { InvalidArgumentError, type Logger, NetSwarmError } from '@netswarm/runtime'
import type { GatewayBackend } from '../backend.ts'
import { parseCid } from '../links.ts'

/** Share inboxes: the DHT service's DeliverShare and GetInbox (docs/dht.md#share-inboxes). */
export type ShareInbox = Pick<DhtClient, 'deliverShare' | 'getInbox' | 'close'>

/** This peer's identity as far as sharing needs it: it opens shares and signs the ones it sends. */
export interface ShareIdentity extends ShareRecipient, ShareSigner {
  peerId: { toString(): string }
}

export interface PrivateFilesOptions {
  backend: GatewayBackend
  inbox: ShareInbox
  /** Absent when the gateway runs without the peer's identity (pod mode without the data volume). */
  identity?: ShareIdentity
  lookupTimeoutMs: number
  /** Dropped envelopes (malformed, forged, altered, not ours) are logged here at debug. */
  log?: Logger
}

export interface PublishedPrivateFile {
  cid: string
  name: string
  mediaType: string
  size: number
  carrierSize: number
  readKey: Uint8Array
}

export interface SharedFile {
  cid: string
  name: string
  /** The sender's peer ID, derived from the public key that signed the envelope. */
  from: string
  /** The sender's Ed25519 public key (hex), as `netswarm identity` prints it. */
  fromPublicKey: string
  /** netswarm://<cid>#k=<key> */
  netswarmLink: string
  /** <gateway>/s/<cid>#k=<key> */
  link: string
}

/** A recipient key as text: 64 hex characters or 43 base64url characters (Ed25519, raw). */
export function parsePublicKey(text: string): Uint8Array {
  const trimmed = text.trim()
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return new Uint8Array(Buffer.from(trimmed, 'hex'))
  if (/^[A-Za-z0-9_-]{43}$/.test(trimmed)) return new Uint8Array(Buffer.from(trimmed, 'base64url'))
  throw new InvalidArgumentError('a public key is 32 bytes: 64 hex characters (as `netswarm identity` prints)')
}

export function createPrivateFiles(options: PrivateFilesOptions) {
  const { backend, inbox } = options
  const call = (signal?: AbortSignal) => ({ signal, timeoutMs: options.lookupTimeoutMs })

  function requireIdentity(): ShareIdentity {
    if (!options.identity) {
      throw new NetSwarmError(
        'FAILED_PRECONDITION',
        "this gateway runs without the peer's identity, so it cannot open shares (start it with `netswarm node`)",
      )
    }
    return options.identity
  }

  /** A reader of the carrier's byte ranges through the transfer service (fetching as needed). */
  function carrierReader(cid: string, signal?: AbortSignal): CarrierReader {
    return async function* (offset, length) {
      const body = await backend.transfer.readFile(cid, { offset, length }, call(signal))
      yield* body.data
    }
  }

  return {
    identity() {
      const id = requireIdentity()
      return { peerId: id.peerId.toString(), publicKey: Buffer.from(id.publicKey).toString('hex') }
    },

    /** Encrypts `source` here and publishes the carrier; the read key is returned, never stored. */
    async publish(
      source: AsyncIterable<Uint8Array>,
      header: { name: string; mediaType: string },
      signal?: AbortSignal,
    ): Promise<PublishedPrivateFile> {
      const sealed = sealFile(source, header)
      const result = await backend.transfer.publish(
        sealed.carrier,
        { name: PRIVATE_CARRIER_NAME, mediaType: PRIVATE_MEDIA_TYPE },
        { signal },
      )
      const inner = sealed.header()
      return { cid: result.cid, ...header, size: inner.size, carrierSize: result.size, readKey: sealed.readKey }
    },

    /** Opens a carrier: PERMISSION_DENIED for a wrong key, before any plaintext byte. */
    async open(cidText: string, readKey: Uint8Array, signal?: AbortSignal): Promise<OpenedFile> {
      const cid = parseCid(cidText)
      const info = await backend.transfer.stat(cid, call(signal))
      if (info.mediaType !== PRIVATE_MEDIA_TYPE) {
        throw new InvalidArgumentError(`${cid} is not a private file (its media type is ${info.mediaType})`)
      }
      return openFile(carrierReader(cid, signal), info.size, readKey, { prefetch: true })
    },

    links(baseUrl: string, cid: string, readKey: Uint8Array) {
      return {
        link: gatewayReadLink(baseUrl, cid, readKey),
        netswarmLink: readLink(cid, readKey),
        verifyLink: verifyLink(cid),
      }
    },

    /**
     * Signs a wrapped share with this peer's identity and stores it in the recipient's inbox on
     * the DHT, where each sender's envelopes are its own (nobody else can replace or remove them).
     */
    async deliver(recipientText: string, wrappedInput: unknown, signal?: AbortSignal) {
      const recipient = parsePublicKey(recipientText)
      const wrapped = parseWrappedShare(wrappedInput)
      parseCid(wrapped.cid)
      const envelope = signEnvelope(wrapped, recipient, requireIdentity())
      const { storedOn, envelopes } = await inbox.deliverShare(recipient, envelope, call(signal))
      return { inbox: Buffer.from(inboxKey(recipient)).toString('hex'), storedOn, envelopes }
    },

    /** The shares this peer's identity opens, newest last. */
    async shared(baseUrl: string, signal?: AbortSignal): Promise<SharedFile[]> {
      const id = requireIdentity()
      const envelopes: ShareEnvelope[] = []
      const malformed: string[] = []
      for (const entry of await inbox.getInbox(id.publicKey, call(signal))) {
        try {
          envelopes.push(parseEnvelope(entry))
        } catch (err) {
          malformed.push((err as Error).message)
        }
      }
      const out: SharedFile[] = []
      let unopened = 0
      const seen = new Set<string>()
      for (const envelope of envelopes) {
        // Verifies the sender's signature (over this recipient, the CID, epk and box) first.
        const opened = openEnvelope(envelope, id)
        if (!opened) {
          unopened++
          continue
        }
        // The same file from the same sender is listed once, however often it was shared.
        const once = `${envelope.sender}:${opened.cid}`
        if (seen.has(once)) continue
        seen.add(once)
        out.push({
          cid: opened.cid,
          name: opened.name,
          from: PeerId.fromPublicKey(opened.sender).toString(),
          fromPublicKey: Buffer.from(opened.sender).toString('hex'),
          netswarmLink: readLink(opened.cid, opened.readKey),
          link: gatewayReadLink(baseUrl, opened.cid, opened.readKey),
        })
      }
      if (unopened > 0 || malformed.length > 0) {
        options.log?.debug(
          { forgedOrNotOurs: unopened, malformed: malformed.length, reasons: [...new Set(malformed)] },
          'dropped inbox envelopes that did not verify',
        )
      }
      return out
    },
  }
}

export type PrivateFiles = ReturnType<typeof createPrivateFiles>
