/** Test helpers: deterministic pseudo-random bytes and stream adapters. */
import { createCipheriv, createHash } from 'node:crypto'

/** `length` pseudo-random bytes from `seed` (AES-128-CTR keystream: fast and reproducible). */
export function pseudoRandomBytes(seed: string, length: number): Uint8Array {
  const key = createHash('sha256').update(seed).digest()
  const cipher = createCipheriv('aes-128-ctr', key.subarray(0, 16), key.subarray(16, 32))
  return new Uint8Array(cipher.update(new Uint8Array(length)))
}

/** Splits `bytes` at the given sorted-or-not cut offsets (clamped, may yield empty blocks). */
export function splitAt(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = cuts.map((c) => Math.min(c, bytes.length)).sort((a, b) => a - b)
  const blocks: Uint8Array[] = []
  let start = 0
  for (const point of points) {
    blocks.push(bytes.subarray(start, point))
    start = point
  }
  blocks.push(bytes.subarray(start))
  return blocks
}

/** Splits `bytes` into fixed-size blocks. */
export function blocksOf(bytes: Uint8Array, size: number): Uint8Array[] {
  const blocks: Uint8Array[] = []
  for (let at = 0; at < bytes.length; at += size) blocks.push(bytes.subarray(at, at + size))
  return blocks
}

/** An async iterable over the given blocks. */
export async function* streamOf(blocks: Iterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  for (const block of blocks) yield block
}

/** Collects an async iterable into an array. */
export async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const item of source) out.push(item)
  return out
}

/** Concatenates byte arrays. */
export function concat(parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts))
}
