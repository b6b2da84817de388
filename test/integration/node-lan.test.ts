/**
 * `netswarm node --lan` finds peers on the LAN by itself (UDP multicast), and a peer listening on
 * loopback (the default host) stays out of it unless told otherwise, so local test runs never merge.
 * Real processes; an uncommon LAN port keeps other runs on this machine out.
 */
import assert from 'node:assert/strict'
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { type TestContext, test } from 'node:test'
import { BIN, isRunning } from './helpers/swarm.ts'

interface Ready {
  peerId: string
  gatewayUrl: string
  pid: number
}

/** One `netswarm node` on OS-chosen ports; stopped (SIGTERM, by pid) after the test. */
async function startNode(t: TestContext, root: string, name: string, extra: string[]): Promise<Ready> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      BIN,
      'node',
      '-d',
      join(root, name),
      '--port-base',
      '0',
      '--http-port',
      '0',
      '--no-token',
      '--ready-json',
      '--exit-with-stdin',
      ...extra,
    ],
    { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, NETSWARM_LOG_LEVEL: 'warn' } },
  )
  const exited = once(child, 'exit')
  t.after(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
    await exited
    assert.equal(isRunning(child.pid!), false)
  })
  return new Promise<Ready>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('{"event":"ready"')) resolve(JSON.parse(line) as Ready)
    })
    exited.then(([code]) => reject(new Error(`netswarm node ${name} exited (${code}) before it was ready`)))
  })
}

/** Reads the gateway's `peers.watch` subscription (SSE) until `peerId` shows up. */
async function waitForPeer(gatewayUrl: string, peerId: string): Promise<void> {
  const res = await fetch(`${gatewayUrl}/trpc/peers.watch`)
  assert.equal(res.status, 200)
  const decoder = new TextDecoder()
  let text = ''
  for await (const chunk of res.body!) {
    text += decoder.decode(chunk as Uint8Array, { stream: true })
    if (text.includes(peerId)) {
      await res.body!.cancel().catch(() => {})
      return
    }
  }
  throw new Error(`peers.watch ended before ${peerId} appeared`)
}

async function peerIds(gatewayUrl: string): Promise<string[]> {
  const { peers } = (await (await fetch(`${gatewayUrl}/api/v1/peers`)).json()) as { peers: { peerId: string }[] }
  return peers.map((p) => p.peerId)
}

test('two netswarm nodes with no bootstrap find each other on the LAN; a loopback-only node stays out', {
  timeout: 60_000,
}, async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'netswarm-lan-'))
  t.after(() => rm(root, { recursive: true, force: true }))
  const lanPort = String(20_000 + Math.floor(Math.random() * 10_000))
  // The default-host (127.0.0.1) peer first: had it joined the multicast group, it would hear A's
  // announcement when A starts (before B exists) and dial A.
  const hermit = await startNode(t, root, 'hermit', ['--lan-port', lanPort])
  const a = await startNode(t, root, 'a', ['--lan', '--lan-port', lanPort])
  const b = await startNode(t, root, 'b', ['--lan', '--lan-port', lanPort])
  await Promise.all([waitForPeer(a.gatewayUrl, b.peerId), waitForPeer(b.gatewayUrl, a.peerId)])
  assert.deepEqual(await peerIds(hermit.gatewayUrl), [])
  for (const ready of [a, b]) assert.equal((await peerIds(ready.gatewayUrl)).includes(hermit.peerId), false)
})
