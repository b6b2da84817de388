/** Wire forms of share envelopes (inside the DHT codec's dag-cbor maps, docs/dht.md). */
import { parseEnvelope, type ShareEnvelope } from '@netswarm/content/private'
import { DhtCodecError } from '../rpc/codec.ts'

/** Most envelopes in one INBOX answer (the encoder also trims to the message size). */
export const MAX_ENVELOPES_PER_MESSAGE = 64
/** Largest offset a FIND_INBOX may ask for (well above any inbox's limit). */
export const MAX_INBOX_OFFSET = 4096

export function envelopeToCbor(e: ShareEnvelope): unknown {
  return [e.version, e.cid, e.epk, e.box, e.sender, e.sig]
}

/** Decodes an envelope and checks its shape with the content package's own parser. */
export function envelopeFromCbor(v: unknown): ShareEnvelope {
  if (!Array.isArray(v) || v.length !== 6) throw new DhtCodecError('envelope must be a list of 6 fields')
  const [version, cid, epk, box, sender, sig] = v
  try {
    return parseEnvelope({ version, cid, epk, box, sender, sig })
  } catch (err) {
    throw new DhtCodecError(`envelope: ${(err as Error).message}`, { cause: err })
  }
}

export function envelopesFromCbor(v: unknown): ShareEnvelope[] {
  if (!Array.isArray(v) || v.length > MAX_ENVELOPES_PER_MESSAGE) {
    throw new DhtCodecError(`field e must list at most ${MAX_ENVELOPES_PER_MESSAGE} envelopes`)
  }
  return v.map(envelopeFromCbor)
}

/** A count or offset field: an integer in 0..max. */
export function countField(v: unknown, field: string, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > max) {
    throw new DhtCodecError(`field ${field} must be an integer in 0..${max}`)
  }
  return v
}
