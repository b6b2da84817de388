import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { LAYOUT_VERSION } from '@netswarm/chunk-store'
import { collect, fileBytes, makeChunks, makeFile, startService } from './helpers.ts'

const PEER = join(fileURLToPath(new URL('.', import.meta.url)), 'fixtures', 'fast-path-peer.ts')

/** Runs the fast-path child to completion and returns its output lines. */
async function runPeer(args: string[]): Promise<string[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', PEER, ...args], { stdio: ['ignore', 'pipe', 'inherit'] })
  const exited = once(child, 'exit')
  const lines: string[] = []
  for await (const line of createInterface({ input: child.stdout })) lines.push(line)
  const [code] = await exited
  assert.equal(code, 0)
  return lines
}

describe('fast path: another process on the same LMDB environment', () => {
  test('chunks written by another process are served by the service, and the other way round', async (t) => {
    const { client } = await startService(t)
    const info = await client.storeInfo()
    assert.equal(info.layoutVersion, LAYOUT_VERSION)
    const mine = makeChunks(5, 20_000)
    await client.putChunks(mine)

    const lines = await runPeer([info.path, '8', '30000', ...mine.map((c) => c.cid.toString())])
    assert.equal(lines.at(-1), 'done')
    const written = lines.filter((l) => l.startsWith('put ')).map((l) => l.slice(4))
    assert.equal(written.length, 8)
    assert.deepEqual(
      lines.filter((l) => l.startsWith('get ')).map((l) => l.split(' ')[2]),
      Array(5).fill('ok'),
      'the other process reads what the service wrote',
    )
    assert.deepEqual(await client.hasChunks(written), Array(8).fill(true), 'the service sees the other writes')
    const stats = await client.stats()
    assert.equal(stats.chunksStored, 13, 'counters are shared')
    assert.equal(stats.bytesStored, 5 * 20_000 + 8 * 30_000)

    // A file made of chunks from both writers reads back whole through gRPC.
    const file = makeFile(mine)
    await client.putManifest(file.bytes, { pin: true })
    assert.deepEqual(await collect(client.readFile(file.cid)), fileBytes(mine))
  })

  test('the quota recorded by the service binds the other process too', async (t) => {
    const { client } = await startService(t, { quota: 100_000, gcGraceSec: 300 })
    const { path } = await client.storeInfo()
    const lines = await runPeer([path, '10', '30000'])
    assert.deepEqual(
      lines.filter((l) => l.startsWith('put ') || l.startsWith('error ')).map((l) => l.split(' ')[0]),
      ['put', 'put', 'put', 'error'],
    )
    assert.ok(lines.includes('error RESOURCE_EXHAUSTED'))
    const stats = await client.stats()
    assert.equal(stats.chunksStored, 3)
  })
})
