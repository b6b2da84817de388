import { NotFoundError } from '@netswarm/runtime'
import type { GatewayBackend } from '../backend.ts'

/** Largest version log this gateway reads (about 300 000 versions). */
const MAX_LOG_BYTES = 64 * 1024 * 1024

/** What the name service needs from storage and transfer. */
export interface NameContent {
  /** Chunk CIDs of a version's content, if this peer holds its manifest; undefined otherwise. */
  chunkCids(cid: string): Promise<string[] | undefined>
  /** Stores, pins and announces a version log; its file CID. */
  publishLog(bytes: Uint8Array, fileName: string, mediaType: string): Promise<string>
  /** Reads a version log from this peer or the swarm. */
  readLog(cid: string, options: { signal?: AbortSignal; timeoutMs: number }): Promise<Uint8Array>
  pin(cid: string): Promise<void>
  unpin(cid: string): Promise<void>
}

/** NameContent over the gateway's backends. */
export function backendNameContent(backend: GatewayBackend): NameContent {
  return {
    async chunkCids(cid) {
      try {
        const { manifest } = await backend.storage.getFile(cid)
        return manifest.chunks.map((c) => c.cid)
      } catch (err) {
        if (err instanceof NotFoundError || (err as { code?: string }).code === 'NOT_FOUND') return undefined
        if ((err as { code?: string }).code === 'INVALID_ARGUMENT') return undefined
        throw err
      }
    },
    async publishLog(bytes, fileName, mediaType) {
      const result = await backend.transfer.publish(
        (async function* () {
          yield bytes
        })(),
        { name: fileName, mediaType },
      )
      return result.cid
    },
    async readLog(cid, options) {
      const body = await backend.transfer.readFile(cid, { offset: 0, length: 0 }, options)
      if (body.info.size > MAX_LOG_BYTES)
        throw new NotFoundError(`version log ${cid} is larger than ${MAX_LOG_BYTES} bytes`)
      const parts: Uint8Array[] = []
      for await (const part of body.data) parts.push(part)
      return new Uint8Array(Buffer.concat(parts))
    },
    pin: (cid) => backend.storage.pin(cid),
    unpin: (cid) => backend.storage.unpin(cid),
  }
}
