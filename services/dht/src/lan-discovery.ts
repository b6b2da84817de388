/**
 * LAN discovery: each DHT announces its wire address by UDP multicast (TTL 1, link-local), and
 * dials the peers it hears. An announcement is only a hint: the dialed session's handshake
 * proves the peer's ID, so a forged announcement cannot plant a wrong contact.
 */
import { createSocket, type Socket } from 'node:dgram'
import * as cbor from '@ipld/dag-cbor'
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

/** Joins the multicast group, announces periodically, and dials new announcers. */
export async function startLanDiscovery(init: LanDiscoveryInit): Promise<LanDiscovery> {
  const group = init.group ?? LAN_GROUP
  const port = init.port ?? LAN_PORT
  const heard = new Map<string, number>()
  const socket: Socket = createSocket({ type: 'udp4', reuseAddr: true })
  socket.on('error', () => {}) // a LAN hiccup must never take the service down
  socket.on('message', (bytes, remote) => {
    const a = decodeAnnouncement(bytes)
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
  const message = encodeAnnouncement(init.id, init.address)
  const announce = () => socket.send(message, port, group, () => {})
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
