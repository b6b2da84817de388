/**
 * Private swarms, with real processes: three `netswarm node` members sharing a secret made by
 * `netswarm swarm-key` add and fetch a file; a peer without the secret, and one with another
 * swarm's, are refused at the handshake: their DHT finds no contact and no provider, their fetch
 * fails, and a raw TCP client learns nothing but a REFUSE from the members' wire ports.
 */
import assert from 'node:assert/strict'
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { connect as tcpConnect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { type TestContext, test } from 'node:test'
import { PeerId } from '@netswarm/identity'
import {
  decodeRefuse,
  encodeClientHello,
  encodeFrame,
  FrameDecoder,
  MAX_FRAME_BYTES,
  REFUSE_BYTES,
  RefuseReason,
} from '@netswarm/wire'
import { BIN, isRunning, runCli, startSwarm, testBytes } from './helpers/swarm.ts'

interface Node {
  peerId: string
  dhtAddress: string
  transferAddress: string
  gatewayUrl: string
  swarm?: string
  /** Resolves with the first stderr log line matching `pattern`. */
  logLine(pattern: RegExp): Promise<string>
}

/** One `netswarm node` on OS-chosen ports; stderr (pino JSON) is watched; stopped by pid after the test. */
async function startNode(t: TestContext, root: string, name: string, extra: string[]): Promise<Node> {
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
      '--no-lan',
      '--ready-json',
      '--exit-with-stdin',
      ...extra,
    ],
    {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, NETSWARM_LOG_LEVEL: 'warn', NETSWARM_SWARM_KEY_FILE: '', NETSWARM_SWARM_KEY: '' },
    },
  )
  const exited = once(child, 'exit')
  t.after(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
    await exited
    assert.equal(isRunning(child.pid!), false)
  })
  const lines: string[] = []
  const waiters = new Set<{ pattern: RegExp; resolve: (line: string) => void }>()
  createInterface({ input: child.stderr! }).on('line', (line) => {
    lines.push(line)
    for (const w of waiters) {
      if (w.pattern.test(line)) {
        waiters.delete(w)
        w.resolve(line)
      }
    }
  })
  const logLine = (pattern: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const seen = lines.find((l) => pattern.test(l))
      if (seen) return resolve(seen)
      waiters.add({ pattern, resolve })
      exited.then(() => reject(new Error(`${name} exited before logging ${pattern}`)))
    })
  const ready = await new Promise<Omit<Node, 'logLine'>>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('{"event":"ready"')) resolve(JSON.parse(line))
    })
    exited.then(([code]) =>
      reject(new Error(`netswarm node ${name} exited (${code}) before it was ready:\n${lines.join('\n')}`)),
    )
  })
  return { ...ready, logLine }
}

/** Everything a wire port sends a raw client that offers no swarm proof, until it closes. */
async function rawAnswer(address: string): Promise<Buffer> {
  const at = address.lastIndexOf(':')
  const socket = tcpConnect({ host: address.slice(0, at), port: Number(address.slice(at + 1)) })
  socket.on('error', () => {})
  const chunks: Buffer[] = []
  socket.on('data', (chunk: Buffer) => chunks.push(chunk))
  await once(socket, 'connect')
  const closed = once(socket, 'close')
  socket.write(encodeFrame(encodeClientHello({ version: 1, flags: 0, ephemeralKey: new Uint8Array(32).fill(9) })))
  await closed
  return Buffer.concat(chunks)
}

async function json<T>(url: string): Promise<T> {
  const res = await fetch(url)
  assert.equal(res.status, 200, `${url}: ${res.status}`)
  return (await res.json()) as T
}

test('a private swarm works for its members and refuses everyone else at the handshake', {
  timeout: 120_000,
}, async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'netswarm-private-'))
  t.after(() => rm(root, { recursive: true, force: true }))

  // The secret: one command, a file only its owner can read.
  const keyFile = join(root, 'swarm.key')
  const made = await runCli(['swarm-key', '-o', keyFile])
  assert.equal(made.code, 0, made.stderr)
  assert.equal((await stat(keyFile)).mode & 0o777, 0o600)
  assert.match(await readFile(keyFile, 'utf8'), /^netswarm-swarm-key-v1:[A-Za-z0-9_-]{43}\n$/)
  const again = await runCli(['swarm-key', '-o', keyFile])
  assert.equal(again.code, 2, 'an existing key file is never overwritten')
  const otherKeyFile = join(root, 'other.key')
  assert.equal((await runCli(['swarm-key', '-o', otherKeyFile])).code, 0)
  const badKeyFile = join(root, 'bad.key')
  await writeFile(badKeyFile, 'netswarm-swarm-key-v1:tooshort\n')

  // A bad key file stops the node at start with a clear message.
  const bad = await runCli(['node', '-d', join(root, 'bad'), '--port-base', '0', '--swarm-key-file', badKeyFile])
  assert.equal(bad.code, 2)
  assert.match(bad.stderr, /swarm key file .*bad\.key: .*damaged or truncated/)

  const key = ['--swarm-key-file', keyFile]
  const a = await startNode(t, root, 'a', key)
  const [b, c] = await Promise.all([
    startNode(t, root, 'b', [...key, '--bootstrap', a.dhtAddress]),
    startNode(t, root, 'c', [...key, '--bootstrap', a.dhtAddress]),
  ])
  const fingerprint = (await runCli(['swarm-key', '--fingerprint', keyFile])).stdout.toString().trim()
  assert.match(fingerprint, /^[0-9a-f]{16}$/)
  for (const member of [a, b, c]) assert.equal(member.swarm, fingerprint)

  // Members: add on A, fetch on C (found through the private DHT, fetched over the private wire).
  const data = testBytes(300_000, 11)
  const source = join(root, 'notes.bin')
  await writeFile(source, data)
  const added = await runCli(['add', source, '--json', '-g', a.gatewayUrl])
  assert.equal(added.code, 0, added.stderr)
  const { cid } = JSON.parse(added.stdout.toString()) as { cid: string }
  const out = join(root, 'fetched.bin')
  const fetched = await runCli(['fetch', cid, '-o', out, '-q', '-g', c.gatewayUrl])
  assert.equal(fetched.code, 0, fetched.stderr)
  assert.ok((await readFile(out)).equals(data), 'fetched bytes differ')

  // Outsiders: no secret, and another swarm's secret. Both bootstrap from A and list A's
  // transfer listener as a static peer, so they do try the members directly.
  const outsiders = await Promise.all([
    startNode(t, root, 'no-key', ['--bootstrap', a.dhtAddress, '--peers', a.transferAddress]),
    startNode(t, root, 'other-key', [
      '--swarm-key-file',
      otherKeyFile,
      '--bootstrap',
      a.dhtAddress,
      '--peers',
      a.transferAddress,
    ]),
  ])
  // Each is told why, in its own log; A logs each refusal.
  await outsiders[0].logLine(/cannot join the swarm: .*private swarm and this peer holds no swarm secret/)
  await outsiders[1].logLine(/cannot join the swarm: .*different private swarms/)
  await a.logLine(/peer does not hold this swarm's secret \(it offered none\)/)
  await a.logLine(/peer does not hold this swarm's secret \(its proof does not verify\)/)

  const whyRefused = [/private swarm and this peer holds no swarm secret/, /different private swarms/]
  for (const [i, outsider] of outsiders.entries()) {
    // No contact in its DHT, no provider for the members' file, and the fetch fails clearly.
    const table = await json<{ contacts: unknown[] }>(`${outsider.gatewayUrl}/api/v1/routing-table`)
    assert.deepEqual(table.contacts, [], `outsider's routing table: ${JSON.stringify(table.contacts)}`)
    const info = await fetch(`${outsider.gatewayUrl}/api/v1/files/${cid}`)
    assert.equal(info.status, 404, "its DHT finds no provider of the members' file")
    assert.match(await info.text(), /no peer provides/)
    const peers = await json<{ peers: { peerId: string }[] }>(`${outsider.gatewayUrl}/api/v1/peers`)
    assert.deepEqual(peers.peers, [])
    const lost = await runCli([
      'fetch',
      cid,
      '-o',
      join(root, `lost-${outsider.peerId}.bin`),
      '-q',
      '-g',
      outsider.gatewayUrl,
    ])
    assert.notEqual(lost.code, 0)
    // The static peer was tried: the error says why it could not serve.
    assert.match(lost.stderr, /no provider served the manifest/)
    assert.match(lost.stderr, whyRefused[i])
    await assert.rejects(stat(join(root, `lost-${outsider.peerId}.bin`)), 'a failed fetch writes nothing')
  }
  // ...and the members never took an outsider in.
  for (const member of [a, b, c]) {
    const { peers } = await json<{ peers: { peerId: string }[] }>(`${member.gatewayUrl}/api/v1/peers`)
    for (const outsider of outsiders) assert.ok(!peers.some((p) => p.peerId === outsider.peerId))
  }

  // A raw client on each member wire port: one 10-byte REFUSE, then the connection closes.
  for (const address of [a.dhtAddress, a.transferAddress, c.dhtAddress]) {
    const answer = await rawAnswer(address)
    const frames: Buffer[] = []
    new FrameDecoder(MAX_FRAME_BYTES).push(answer, (f) => frames.push(Buffer.from(f)))
    assert.equal(frames.length, 1, `${address} sent ${frames.length} frames`)
    assert.equal(frames[0].length, REFUSE_BYTES)
    assert.equal(decodeRefuse(frames[0]).reason, RefuseReason.SWARM_KEY_REQUIRED)
    for (const member of [a, b, c]) assert.ok(!answer.includes(Buffer.from(PeerId.parse(member.peerId).bytes)))
  }
})

test('netswarm swarm --private: one new key for every peer, and they work together', { timeout: 90_000 }, async (t) => {
  const swarm = await startSwarm(t, 2, {}, { args: ['--private'] })
  assert.ok(swarm.swarmKeyFile, 'the ready line names the key file')
  assert.equal(swarm.swarmKeyFile, join(swarm.root, 'swarm.key'))
  assert.equal((await stat(swarm.swarmKeyFile)).mode & 0o777, 0o600)
  const fingerprint = (await runCli(['swarm-key', '--fingerprint', swarm.swarmKeyFile])).stdout.toString().trim()
  assert.deepEqual(
    swarm.peers.map((p) => p.swarm),
    [fingerprint, fingerprint],
  )
  const [a, b] = swarm.peers
  const dir = await mkdtemp(join(tmpdir(), 'netswarm-private-swarm-'))
  t.after(() => rm(dir, { recursive: true, force: true }))
  const data = testBytes(200_000, 5)
  await writeFile(join(dir, 'a.bin'), data)
  const added = await runCli(['add', join(dir, 'a.bin'), '--json', '-g', a.gatewayUrl], { NETSWARM_TOKEN: swarm.token })
  assert.equal(added.code, 0, added.stderr)
  const { cid } = JSON.parse(added.stdout.toString()) as { cid: string }
  const fetched = await runCli(['fetch', cid, '-o', join(dir, 'b.bin'), '-q', '-g', b.gatewayUrl])
  assert.equal(fetched.code, 0, fetched.stderr)
  assert.ok((await readFile(join(dir, 'b.bin'))).equals(data))
})
