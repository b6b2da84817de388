import assert from 'node:assert/strict'
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { generateIdentity, PeerId } from '@netswarm/identity'
import { connect } from '../src/index.ts'
import { dec, enc } from './helpers.ts'

const PEER = fileURLToPath(new URL('./fixtures/echo-peer.ts', import.meta.url))

async function startPeer(dataDir: string): Promise<{ child: ChildProcess; port: number; peerId: PeerId }> {
  const child = spawn(process.execPath, ['--import', 'tsx', PEER, dataDir], { stdio: ['ignore', 'pipe', 'inherit'] })
  const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string]
  const { port, peerId } = JSON.parse(line) as { port: number; peerId: string }
  return { child, port, peerId: PeerId.parse(peerId) }
}

async function stopPeer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return
  const exited = once(child, 'exit')
  child.kill('SIGTERM')
  await exited
}

test('sessions work across processes, and a restarted peer keeps its peer ID', async (t) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'netswarm-wire-peer-'))
  t.after(() => rm(dataDir, { recursive: true, force: true }))
  const first = await startPeer(dataDir)
  t.after(() => stopPeer(first.child))
  const session = await connect({
    identity: generateIdentity(),
    host: '127.0.0.1',
    port: first.port,
    expectedPeerId: first.peerId,
  })
  assert.equal(dec(await session.request(enc('across processes'))), 'across processes')
  const items: string[] = []
  for await (const item of session.requestStream(enc('count:5'))) items.push(dec(item))
  assert.deepEqual(items, ['0', '1', '2', '3', '4'])

  // SIGTERM: the peer closes gracefully (GOAWAY), so our session closes cleanly.
  await stopPeer(first.child)
  await session.closed
  assert.equal(session.closeError, undefined)

  const second = await startPeer(dataDir)
  t.after(() => stopPeer(second.child))
  assert.ok(second.peerId.equals(first.peerId))
  const again = await connect({
    identity: generateIdentity(),
    host: '127.0.0.1',
    port: second.port,
    expectedPeerId: first.peerId,
  })
  assert.equal(dec(await again.request(enc('same peer'))), 'same peer')
  await again.close()
})
