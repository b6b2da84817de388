import { COUNTERS_KEY, cidKey, type StoreCounters, type StoreLayout } from '@netswarm/chunk-store'
import type { Manifest } from '@netswarm/content'

/**
 * Reference counting of pinned files. Must run inside a write transaction: each chunk's `refs`
 * entry counts the pinned files that use it, once per file however often the file repeats it,
 * so a chunk shared by several files is counted (and its bytes pinned) once.
 */
function distinctChunks(manifest: Manifest): Map<string, { key: Buffer; size: number }> {
  const chunks = new Map<string, { key: Buffer; size: number }>()
  for (const chunk of manifest.chunks) {
    const key = cidKey(chunk.cid)
    chunks.set(key.toString('latin1'), { key, size: chunk.size })
  }
  return chunks
}

/** Pins `manifest` (stored under `key`); false when it was already pinned. Inside a transaction. */
export function pinInTxn(
  layout: StoreLayout,
  key: Buffer,
  manifest: Manifest,
  counters: StoreCounters,
  nowMs: number,
): boolean {
  if (layout.pins.doesExist(key)) return false
  layout.pins.put(key, { pinnedAt: nowMs })
  for (const { key: chunkKey, size } of distinctChunks(manifest).values()) {
    const refs = layout.refs.get(chunkKey) ?? 0
    if (refs === 0) counters.pinnedBytes += size
    layout.refs.put(chunkKey, refs + 1)
  }
  counters.pins += 1
  layout.meta.put(COUNTERS_KEY, counters)
  return true
}

/** Unpins `manifest`; false when it was not pinned. Inside a transaction. */
export function unpinInTxn(layout: StoreLayout, key: Buffer, manifest: Manifest, counters: StoreCounters): boolean {
  if (!layout.pins.doesExist(key)) return false
  layout.pins.remove(key)
  for (const { key: chunkKey, size } of distinctChunks(manifest).values()) {
    const refs = layout.refs.get(chunkKey) ?? 0
    if (refs <= 1) {
      layout.refs.remove(chunkKey)
      if (refs === 1) counters.pinnedBytes -= size
    } else {
      layout.refs.put(chunkKey, refs - 1)
    }
  }
  counters.pins -= 1
  layout.meta.put(COUNTERS_KEY, counters)
  return true
}
