import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestContext } from 'node:test'
import { buildManifest, type CID, chunkCid, type Manifest } from '@netswarm/content'
import { createStorageClient, type StorageClient } from '../src/client.ts'
import type { StorageConfigInput } from '../src/config.ts'
import { createStorageService, type StorageService } from '../src/service.ts'

/** A temp directory removed when the test ends. */
export function tempDir(t: TestContext, prefix = 'netswarm-storage-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

export interface TestChunk {
  cid: CID
  bytes: Uint8Array
}

/** `count` random chunks of `size` bytes. */
export function makeChunks(count: number, size = 4096): TestChunk[] {
  return Array.from({ length: count }, () => {
    const bytes = randomBytes(size)
    return { cid: chunkCid(bytes), bytes }
  })
}

/** A manifest over the chunks, in order, with its bytes and CID. */
export function makeFile(chunks: TestChunk[], name = 'file.bin'): { manifest: Manifest; bytes: Uint8Array; cid: CID } {
  return buildManifest({ name, chunks: chunks.map((c) => ({ cid: c.cid, size: c.bytes.byteLength })) })
}

/** Concatenates the file's chunk bytes. */
export function fileBytes(chunks: TestChunk[]): Buffer {
  return Buffer.concat(chunks.map((c) => c.bytes))
}

/** Starts a real service (ephemeral ports, temp LMDB) and a client; both stop when the test ends. */
export async function startService(
  t: TestContext,
  overrides: Partial<StorageConfigInput> = {},
): Promise<{ service: StorageService; client: StorageClient; dataDir: string }> {
  const dataDir = overrides.dataDir ?? tempDir(t)
  const service = createStorageService(
    {},
    {
      grpcListen: '127.0.0.1:0',
      metricsListen: '127.0.0.1:0',
      gcIntervalSec: 0,
      gcGraceSec: 0,
      sync: 'committed',
      logLevel: 'silent',
      ...overrides,
      dataDir,
    },
  )
  await service.start()
  const client = createStorageClient(service.grpcAddress)
  t.after(async () => {
    client.close()
    await service.stop()
  })
  return { service, client, dataDir }
}

/** Collects an async iterable of byte arrays into one Buffer. */
export async function collect(parts: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const out: Uint8Array[] = []
  for await (const part of parts) out.push(part)
  return Buffer.concat(out)
}
