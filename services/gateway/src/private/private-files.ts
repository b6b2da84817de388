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
import { PeerId } from '@netswarm/identity'
import { InvalidArgumentError, isNetSwarmError, type Logger, NetSwarmError } from '@netswarm/runtime'
import type { GatewayBackend } from '../backend.ts'
import { parseCid } from '../links.ts'
import { type InboxRecords, inboxKey } from './inbox-records.ts'

/** The media type of a published inbox list. */
export const INBOX_MEDIA_TYPE = 'application/vnd.netswarm.inbox+json'
/** Largest inbox list read. */
const MAX_INBOX_BYTES = 4 * 1024 * 1024
/** Concurrent sharers can overwrite each other's record: re-read and retry this many times. */
const DELIVERY_ATTEMPTS = 4

/** This peer's identity as far as sharing needs it: it opens shares and signs the ones it sends. */
export interface ShareIdentity extends ShareRecipient, ShareSigner {
  peerId: { toString(): string }
}

export interface PrivateFilesOptions {
  backend: GatewayBackend
  records: InboxRecords
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

async function collect(source: AsyncIterable<Uint8Array>, max: number): Promise<Buffer> {
  const parts: Uint8Array[] = []
  let total = 0
  for await (const part of source) {
    total += part.length
    if (total > max) throw new InvalidArgumentError(`an inbox list is at most ${max} bytes`)
    parts.push(part)
  }
  return Buffer.concat(parts)
}

export function createPrivateFiles(options: PrivateFilesOptions) {
  const { backend, records } = options
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

  async function readInbox(recipient: Uint8Array, signal?: AbortSignal) {
    const key = inboxKey(recipient)
    const record = await records.get(key, { signal })
    if (!record) return { key, sequence: 0, envelopes: [] as ShareEnvelope[], malformed: [] as string[] }
    const listCid = parseCid(record.value)
    const body = await backend.transfer.readFile(listCid, { offset: 0, length: 0 }, call(signal))
    const parsed = JSON.parse((await collect(body.data, MAX_INBOX_BYTES)).toString('utf8')) as { envelopes?: unknown }
    const envelopes: ShareEnvelope[] = []
    const malformed: string[] = []
    for (const entry of Array.isArray(parsed.envelopes) ? parsed.envelopes : []) {
      try {
        envelopes.push(parseEnvelope(entry))
      } catch (err) {
        // Anyone can write an inbox: skip what is not a (current, signed) envelope.
        malformed.push((err as Error).message)
      }
    }
    return { key, sequence: record.sequence, envelopes, malformed, listCid }
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
     * Signs a wrapped share with this peer's identity and appends it to the recipient's inbox
     * (read, publish the new list, put, read back).
     */
    async deliver(recipientText: string, wrappedInput: unknown, signal?: AbortSignal) {
      const recipient = parsePublicKey(recipientText)
      const wrapped = parseWrappedShare(wrappedInput)
      parseCid(wrapped.cid)
      const envelope = signEnvelope(wrapped, recipient, requireIdentity())
      for (let attempt = 1; ; attempt++) {
        const inbox = await readInbox(recipient, signal)
        const envelopes = inbox.envelopes.some((e) => e.epk === envelope.epk)
          ? inbox.envelopes
          : [...inbox.envelopes, envelope]
        const bytes = Buffer.from(JSON.stringify({ version: 1, envelopes }))
        const published = await backend.transfer.publish(
          (async function* () {
            yield bytes
          })(),
          { name: 'inbox.json', mediaType: INBOX_MEDIA_TYPE },
          { signal },
        )
        const storedOn = await records.put(
          inbox.key,
          { sequence: inbox.sequence + 1, value: published.cid },
          { signal },
        )
        const check = await records.get(inbox.key, { signal })
        if (check?.value === published.cid) return { inbox: published.cid, storedOn, envelopes: envelopes.length }
        if (attempt >= DELIVERY_ATTEMPTS) {
          throw new NetSwarmError('UNAVAILABLE', 'the inbox kept changing under concurrent shares; try again')
        }
      }
    },

    /** The shares this peer's identity opens, newest last. */
    async shared(baseUrl: string, signal?: AbortSignal): Promise<SharedFile[]> {
      const id = requireIdentity()
      let inbox: Awaited<ReturnType<typeof readInbox>>
      try {
        inbox = await readInbox(id.publicKey, signal)
      } catch (err) {
        if (isNetSwarmError(err) && err.code === 'NOT_FOUND') return []
        throw err
      }
      const out: SharedFile[] = []
      let unopened = 0
      for (const envelope of inbox.envelopes) {
        // Verifies the sender's signature (over this recipient, the CID, epk and box) first.
        const opened = openEnvelope(envelope, id)
        if (!opened) {
          unopened++
          continue
        }
        out.push({
          cid: opened.cid,
          name: opened.name,
          from: PeerId.fromPublicKey(opened.sender).toString(),
          fromPublicKey: Buffer.from(opened.sender).toString('hex'),
          netswarmLink: readLink(opened.cid, opened.readKey),
          link: gatewayReadLink(baseUrl, opened.cid, opened.readKey),
        })
      }
      if (unopened > 0 || inbox.malformed.length > 0) {
        options.log?.debug(
          { forgedOrNotOurs: unopened, malformed: inbox.malformed.length, reasons: [...new Set(inbox.malformed)] },
          'dropped inbox envelopes that did not verify',
        )
      }
      return out
    },
  }
}

export type PrivateFiles = ReturnType<typeof createPrivateFiles>
