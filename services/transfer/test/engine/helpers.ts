import { randomBytes } from 'node:crypto'
import { chunkStream, decodeManifest, verifyChunk } from '@netswarm/content'
import { generateIdentity } from '@netswarm/identity'
import { createLogger, systemClock } from '@netswarm/runtime'
import type { CID } from 'multiformats/cid'
import { TransferEngine, type TransferEngineInit } from '../../src/engine.ts'
import { createTransferMetrics } from '../../src/metrics.ts'
import type { LocalStore } from '../../src/ports.ts'
import { MemoryRouterHub } from '../../src/routing/memory-router.ts'
import { MemoryStore } from '../../src/stores/memory-store.ts'

export interface TestPeer {
  engine: TransferEngine
  store: MemoryStore
  stop(): Promise<void>
}

/** In-process peers on 127.0.0.1 with real wire sessions, in-memory stores and a shared router. */
export function createTestSwarm(t: { after(fn: () => Promise<void> | void): void }) {
  const hub = new MemoryRouterHub()
  const peers: TestPeer[] = []
  const log = createLogger({ service: 'transfer-test', level: process.env.NETSWARM_TEST_LOG ?? 'silent' })
  t.after(async () => {
    await Promise.all(peers.map((p) => p.stop()))
  })
  return {
    hub,
    async peer(
      options: { store?: MemoryStore; wrap?: (s: MemoryStore) => LocalStore; init?: Partial<TransferEngineInit> } = {},
    ) {
      const store = options.store ?? new MemoryStore()
      const identity = generateIdentity()
      let engine: TransferEngine | undefined
      const self = () => ({ peerId: identity.peerId.toString(), addresses: [engine?.address ?? ''] })
      engine = new TransferEngine(
        {
          identity,
          store: options.wrap ? options.wrap(store) : store,
          router: hub.forPeer(self),
          metrics: createTransferMetrics(),
          clock: systemClock,
          log,
        },
        { host: '127.0.0.1', port: 0, repairIntervalMs: 0, ...options.init },
      )
      await engine.start()
      hub.register(self())
      let stopped = false
      const peer: TestPeer = {
        engine,
        store,
        stop: async () => {
          if (stopped) return
          stopped = true
          hub.unregister(identity.peerId.toString())
          await engine.stop()
        },
      }
      peers.push(peer)
      return peer
    },
  }
}

export async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  if (bytes.length > 0) yield bytes
}

export function randomFile(size: number): Uint8Array {
  return new Uint8Array(randomBytes(size))
}

/** Publishes the same bytes on several peers (each chunks and stores its own copy). */
export async function seed(peers: TestPeer[], bytes: Uint8Array, name = 'file.bin'): Promise<CID> {
  let cid: CID | undefined
  for (const p of peers) {
    const r = await p.engine.publish(once(bytes), { name, replicationFactor: 1 })
    cid = r.cid
  }
  return cid as CID
}

/** Reads a whole file back from a peer's store, checking every chunk against its CID. */
export async function readBack(store: MemoryStore, cid: CID): Promise<Uint8Array> {
  const manifest = decodeManifest((await store.getManifest(cid)) as Uint8Array)
  const out = new Uint8Array(manifest.size)
  let at = 0
  for (const ref of manifest.chunks) {
    const bytes = await store.getChunk(ref.cid)
    if (!bytes || !verifyChunk(ref.cid, bytes)) throw new Error(`chunk ${ref.cid} missing or corrupt`)
    out.set(bytes, at)
    at += bytes.length
  }
  return out
}

/** The chunk CIDs of some bytes, as publish would cut them. */
export async function chunkCids(bytes: Uint8Array): Promise<CID[]> {
  const out: CID[] = []
  for await (const c of chunkStream(once(bytes))) out.push(c.cid)
  return out
}
