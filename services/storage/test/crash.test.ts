import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { once } from 'node:events'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { readCounters } from '@netswarm/chunk-store'
import { NetSwarmError } from '@netswarm/runtime'
import { CID } from 'multiformats/cid'
import { createStorageClient } from '../src/client.ts'
import { Storage } from '../src/store/storage.ts'
import { makeChunks, tempDir } from './helpers.ts'

const WRITER = join(fileURLToPath(new URL('.', import.meta.url)), 'fixtures', 'crash-writer.ts')
const RUNS = 6
const MAIN = join(fileURLToPath(new URL('.', import.meta.url)), '..', 'src', 'main.ts')

/** Spawns the writer, SIGKILLs it after `killAfter` acknowledgements, returns the acknowledged CIDs. */
async function writeAndKill(dir: string, sync: string, killAfter: number): Promise<string[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dir, sync], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const exited = once(child, 'exit')
  const acked: string[] = []
  try {
    for await (const line of createInterface({ input: child.stdout })) {
      if (line === 'ready') continue
      acked.push(line)
      // Kill while the writer is busy: more batches are in flight when this line arrives.
      if (acked.length >= killAfter) {
        child.kill('SIGKILL')
        break
      }
    }
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    await exited
  }
  assert.equal(child.signalCode, 'SIGKILL', 'the writer was killed, it did not exit on its own')
  return acked
}

test('every acknowledged chunk survives SIGKILL mid-stream and no partial chunk is visible', async (t) => {
  const dir = tempDir(t)
  const everAcked = new Set<string>()
  for (let run = 0; run < RUNS; run++) {
    const sync = run % 2 === 0 ? 'durable' : 'committed'
    const acked = await writeAndKill(dir, sync, 20 + run * 7)
    for (const cid of acked) everAcked.add(cid)

    const storage = await Storage.open({ path: dir })
    try {
      const { layout } = storage.chunks
      // Every acknowledged chunk, from this run and all earlier ones, is there and verifies.
      for (const text of everAcked) {
        const cid = CID.parse(text)
        const bytes = storage.getChunk(cid)
        assert.ok(bytes, `run ${run} (${sync}): acknowledged chunk ${text} is missing`)
        assert.ok(createHash('sha256').update(bytes).digest().equals(cid.multihash.digest), `${text} corrupt`)
      }
      // Nothing torn: every stored chunk verifies, has its index entry, and the counters add up.
      let count = 0
      let bytesTotal = 0
      for (const { key, value } of layout.chunks.getRange({})) {
        const cid = CID.decode(key)
        assert.ok(createHash('sha256').update(value).digest().equals(cid.multihash.digest), `partial chunk ${cid}`)
        assert.equal(layout.info.get(key)?.[0], value.byteLength)
        count += 1
        bytesTotal += value.byteLength
      }
      const counters = readCounters(layout)
      assert.equal(counters.chunks, count, 'chunk counter matches the store')
      assert.equal(counters.chunkBytes, bytesTotal, 'byte counter matches the store')
      assert.ok(count >= everAcked.size)
    } finally {
      await storage.close()
    }
  }
})

test('chunks acknowledged over gRPC survive a SIGKILL of the service process mid-stream', async (t) => {
  const dir = tempDir(t)
  const everAcked = new Set<string>()
  for (let run = 0; run < 3; run++) {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
      env: {
        ...process.env,
        NETSWARM_STORAGE_DATA_DIR: dir,
        NETSWARM_STORAGE_GRPC_LISTEN: '127.0.0.1:0',
        NETSWARM_STORAGE_METRICS_LISTEN: '127.0.0.1:0',
        NETSWARM_STORAGE_SYNC: run === 1 ? 'committed' : 'durable',
        NETSWARM_LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    const exited = once(child, 'exit')
    t.after(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    })
    let address = ''
    for await (const line of createInterface({ input: child.stderr })) {
      const match = /"grpc":"([^"]+)"/.exec(line)
      if (match) {
        address = match[1]
        break
      }
    }
    child.stderr.resume()
    const client = createStorageClient(address)
    const killAfter = 15 + run * 10
    let acked = 0
    // An endless upload; the service is killed under it.
    const endless = function* () {
      for (;;) yield* makeChunks(4, 64 * 1024)
    }
    await assert.rejects(
      client.putChunks(endless(), {
        onAck: (cid) => {
          everAcked.add(cid)
          acked += 1
          if (acked === killAfter) child.kill('SIGKILL')
        },
      }),
      (err: unknown) => err instanceof NetSwarmError,
    )
    client.close()
    await exited
    assert.equal(child.signalCode, 'SIGKILL')

    const storage = await Storage.open({ path: dir })
    try {
      for (const text of everAcked) {
        const cid = CID.parse(text)
        const bytes = storage.getChunk(cid)
        assert.ok(bytes, `run ${run}: chunk ${text} acknowledged over gRPC is missing`)
        assert.ok(createHash('sha256').update(bytes).digest().equals(cid.multihash.digest))
      }
      assert.equal(readCounters(storage.chunks.layout).chunks, [...storage.chunks.layout.chunks.getKeys({})].length)
    } finally {
      await storage.close()
    }
  }
})
