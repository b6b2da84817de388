import type { Key } from './key.ts'

/**
 * A peer as the DHT knows it. `id` is only trusted when the contact sits in a routing table:
 * it is added there only after an authenticated exchange proved the key (see node.ts).
 */
export interface Contact {
  /** 256-bit peer ID (SHA-256 of its Ed25519 public key). */
  id: Key
  /** Wire addresses `host:port` (in the simulator, the node number as a string). */
  addresses: string[]
  /** Smoothed round-trip time in ms; undefined until measured. */
  rttMs?: number
  /** Clock time (ms) when the contact last answered us or sent us a request. */
  lastSeen: number
}

/** Weight of a new RTT sample in the smoothed RTT (as TCP's SRTT, RFC 6298). */
const RTT_ALPHA = 0.25

/** Folds one RTT sample into a smoothed value. */
export function smoothRtt(previous: number | undefined, sample: number): number {
  return previous === undefined ? sample : previous + RTT_ALPHA * (sample - previous)
}

/** The host part of a contact's first address, for per-IP limits. */
export function contactHost(contact: Contact): string {
  const address = contact.addresses[0] ?? ''
  const i = address.lastIndexOf(':')
  return i < 0 ? address : address.slice(0, i)
}
