/**
 * The bare pipeline's wire (bench/bare): the transfer engine's per-byte work with nothing else.
 * Frames are sealed and opened by the wire package's FrameSealer/FrameOpener (AES-256-GCM, the
 * same length prefix); a request is a frame of big-endian u32 chunk indices, a response a frame of
 * one u32 index followed by the chunk's bytes. No handshake (fixed keys), no request ids, no
 * scheduler: a floor for what the engine can reach on a machine, not a protocol anyone should use.
 */
import { readFileSync } from 'node:fs'
import { CID } from 'multiformats/cid'

/** Fixed session keys, one per direction. */
export const REQUEST_KEY = Buffer.alloc(32, 1)
export const RESPONSE_KEY = Buffer.alloc(32, 2)

/** One chunk of the benchmark file: its CID and where its bytes are in the file. */
export interface IndexEntry {
  cid: string
  offset: number
  size: number
}

export function readIndex(path: string): { entries: IndexEntry[]; cids: CID[] } {
  const entries = JSON.parse(readFileSync(path, 'utf8')) as IndexEntry[]
  return { entries, cids: entries.map((e) => CID.parse(e.cid)) }
}

export function encodeIndices(indices: readonly number[]): Buffer {
  const out = Buffer.allocUnsafe(4 * indices.length)
  for (let i = 0; i < indices.length; i++) out.writeUInt32BE(indices[i], 4 * i)
  return out
}
