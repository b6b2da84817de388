/**
 * LAN discovery: each DHT announces its wire address by UDP multicast (TTL 1, link-local), and
 * dials the peers it hears. An announcement is only a hint: the dialed session's handshake
 * proves the peer's ID, so a forged announcement cannot plant a wrong contact.
 *
 * In a private swarm announcements are sealed under a key derived from the swarm secret (see
 * docs/dht.md#lan-discovery-in-a-private-swarm): an outsider on the LAN sees fixed-size opaque
 * datagrams (and their source address), never a peer ID or a port, and members ignore anything
 * that does not open, including public announcements.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { createSocket, type Socket } from 'node:dgram'
import * as cbor from '@ipld/dag-cbor'
import type { SwarmKey } from '@netswarm/wire'
import { keyEquals, keyToHex } from './kademlia/key.ts'

/** Default multicast group and port of announcements. */
export const LAN_GROUP = '239.255.42.99'
export const LAN_PORT = 4002
/** Interval between announcements. */
const ANNOUNCE_INTERVAL_MS = 30_000
/** A peer heard again within this time is not dialed again. */
const REDIAL_AFTER_MS = 60_000
/** Most announcers remembered. */
const MAX_REMEMBERED = 1024
const MAX_ANNOUNCEMENT_BYTES = 512

/** Options of {@link startLanDiscovery}. */
export interface LanDiscoveryInit {
  /** Our peer ID (own announcements are ignored). */
  id: Uint8Array
  /** Our wire address; an unspecified host (0.0.0.0) is replaced by the sender's IP on receipt. */
  address: string
  /** Dials an announced address (the DHT's bootstrap path). */
  dial: (address: string) => Promise<unknown>
  /** @default 239.255.42.99 */
  group?: string
  /** @default 4002 */
  port?: number
  /** Private swarm: seal announcements under this secret and hear only sealed ones. */
  swarmKey?: SwarmKey
}

/** A running LAN discovery; `stop()` leaves the group and closes the socket. */
export interface LanDiscovery {
  stop(): Promise<void>
}

/** Encodes an announcement: dag-cbor `{v: 1, id: bytes(32), a: "host:port"}`. */
export function encodeAnnouncement(id: Uint8Array, address: string): Uint8Array {
  return cbor.encode({ v: 1, id, a: address })
}

/** Decodes an announcement; undefined for anything malformed (it is just ignored). */
export function decodeAnnouncement(bytes: Uint8Array): { id: Uint8Array; address: string } | undefined {
  if (bytes.length > MAX_ANNOUNCEMENT_BYTES) return undefined
  try {
    const m = cbor.decode(bytes) as { v?: unknown; id?: unknown; a?: unknown }
    if (m?.v !== 1 || !(m.id instanceof Uint8Array) || m.id.length !== 32) return undefined
    if (typeof m.a !== 'string' || !/^[^\s]{1,120}:\d{1,5}$/.test(m.a)) return undefined
    return { id: m.id, address: m.a }
  } catch {
    return undefined
  }
}

/** HKDF label of the announcement key derived from the swarm secret. */
export const LAN_KEY_LABEL = 'netswarm-lan-v1 announcement key'
const SEAL_AAD = Buffer.from('netswarm-lan-v1 sealed announcement')
const NONCE_BYTES = 12
const TAG_BYTES = 16
/** Sealed plaintext is padded to this size, so the datagram's length says nothing of the address. */
const SEALED_PLAIN_BYTES = 192
const SEALED_BYTES = NONCE_BYTES + SEALED_PLAIN_BYTES + TAG_BYTES

/** Seals an announcement: random nonce || AES-256-GCM(length u16 || announcement || zero padding) || tag. */
export function sealAnnouncement(key: Buffer, announcement: Uint8Array): Buffer {
  if (announcement.length + 2 > SEALED_PLAIN_BYTES) throw new Error('announcement too long to seal')
  const plain = Buffer.alloc(SEALED_PLAIN_BYTES)
  plain.writeUInt16BE(announcement.length, 0)
  plain.set(announcement, 2)
  const nonce = randomBytes(NONCE_BYTES)
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES })
  cipher.setAAD(SEAL_AAD)
  return Buffer.concat([nonce, cipher.update(plain), cipher.final(), cipher.getAuthTag()])
}

/** Opens a sealed announcement; undefined for anything that does not open under `key`. */
export function openAnnouncement(key: Buffer, bytes: Uint8Array): Uint8Array | undefined {
  if (bytes.length !== SEALED_BYTES) return undefined
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, NONCE_BYTES), {
      authTagLength: TAG_BYTES,
    })
    decipher.setAAD(SEAL_AAD)
    decipher.setAuthTag(bytes.subarray(SEALED_BYTES - TAG_BYTES))
    const plain = Buffer.concat([
      decipher.update(bytes.subarray(NONCE_BYTES, SEALED_BYTES - TAG_BYTES)),
      decipher.final(),
    ])
    const length = plain.readUInt16BE(0)
    return length + 2 <= plain.length ? plain.subarray(2, 2 + length) : undefined
  } catch {
    return undefined
  }
}

/** Joins the multicast group, announces periodically, and dials new announcers. */
export async function startLanDiscovery(init: LanDiscoveryInit): Promise<LanDiscovery> {
  const group = init.group ?? LAN_GROUP
  const port = init.port ?? LAN_PORT
  const heard = new Map<string, number>()
  const sealKey = init.swarmKey?.derive(LAN_KEY_LABEL)
  const socket: Socket = createSocket({ type: 'udp4', reuseAddr: true })
  socket.on('error', () => {}) // a LAN hiccup must never take the service down
  socket.on('message', (bytes, remote) => {
    const opened = sealKey ? openAnnouncement(sealKey, bytes) : bytes
    const a = opened && decodeAnnouncement(opened)
    if (!a || keyEquals(a.id, init.id)) return
    const hex = keyToHex(a.id)
    const now = Date.now()
    const last = heard.get(hex)
    if (last !== undefined && now - last < REDIAL_AFTER_MS) return
    heard.delete(hex)
    heard.set(hex, now)
    if (heard.size > MAX_REMEMBERED) heard.delete(heard.keys().next().value as string)
    const address = a.address.replace(/^(0\.0\.0\.0|\[::\]|::):/, `${remote.address}:`)
    init.dial(address).catch(() => {})
  })
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject)
    socket.bind(port, () => {
      socket.off('error', reject)
      resolve()
    })
  })
  socket.addMembership(group)
  socket.setMulticastTTL(1)
  socket.setMulticastLoopback(true)
  const announcement = encodeAnnouncement(init.id, init.address)
  // A fresh nonce per datagram: repeated announcements do not even look alike.
  const message = () => (sealKey ? sealAnnouncement(sealKey, announcement) : announcement)
  const announce = () => socket.send(message(), port, group, () => {})
  announce()
  const timer = setInterval(announce, ANNOUNCE_INTERVAL_MS)
  timer.unref()
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        clearInterval(timer)
        try {
          socket.dropMembership(group)
        } catch {
          // already gone
        }
        socket.close(() => resolve())
      }),
  }
}
