/**
 * Throws well over 100,000 random and mutated frames at a live listener on 127.0.0.1, batched
 * many per connection, then checks the listener still serves a legitimate client and that
 * memory stayed bounded. Replay a failure with NETSWARM_FUZZ_SEED=<seed printed below>.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { generateIdentity } from '@netswarm/identity'
import {
  connect,
  encodeClientHello,
  encodeFrame,
  encodeFramePrefix,
  encodeMessage,
  listen,
  type MessageType,
} from '../src/index.ts'
import { dec, enc } from './helpers.ts'
import { closedPromise, rawHandshake, rawSocket } from './raw-client.ts'

const SEED = Number(process.env.NETSWARM_FUZZ_SEED ?? Date.now() % 2 ** 31)
const PLAIN_CONNECTIONS = 1200
const PLAIN_FRAMES_PER_CONNECTION = 25
const SESSION_CONNECTIONS = 800
const SESSION_FRAMES_PER_CONNECTION = 100
const PARALLEL = 8

/** Small seeded PRNG (mulberry32) so a failing run can be replayed. */
function rng(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    bytes: (n: number) => {
      const out = Buffer.allocUnsafe(n)
      for (let i = 0; i < n; i++) out[i] = Math.floor(next() * 256)
      return out
    },
  }
}

function forceGc(): () => void {
  setFlagsFromString('--expose-gc')
  return runInNewContext('gc') as () => void
}

/** Runs `tasks` with at most `parallel` in flight. */
async function pool(count: number, parallel: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < count) await task(next++)
    }),
  )
}

test(`fuzz: >100k random and mutated frames at a live listener (seed ${SEED})`, async (t) => {
  const r = rng(SEED)
  const gc = forceGc()
  let delivered = 0
  const listener = await listen({
    identity: generateIdentity(),
    host: '127.0.0.1',
    port: 0,
    limits: { handshakeTimeoutMs: 2000, maxConcurrentInbound: 64 },
    handlers: {
      onRequest: async (body) => {
        delivered++
        return body
      },
      onMessage: () => {
        delivered++
      },
    },
  })
  t.after(() => listener.close())
  gc()
  const heapBefore = process.memoryUsage().heapUsed
  const started = performance.now()
  let thrown = 0

  // 1. Before the handshake: random frames, mutated hellos, absurd length prefixes.
  await pool(PLAIN_CONNECTIONS, PARALLEL, async () => {
    const frames: Buffer[] = []
    for (let i = 0; i < PLAIN_FRAMES_PER_CONNECTION; i++) {
      const kind = r.int(4)
      if (kind === 0) frames.push(encodeFrame(r.bytes(1 + r.int(600))))
      else if (kind === 1) {
        const hello = encodeClientHello({ version: 1, flags: 0, ephemeralKey: r.bytes(32) })
        hello[r.int(hello.length)] ^= 1 << r.int(8)
        frames.push(encodeFrame(hello))
      } else if (kind === 2) frames.push(encodeFramePrefix(r.int(2 ** 32)))
      else frames.push(r.bytes(r.int(64)))
    }
    thrown += frames.length
    const socket = await rawSocket(listener.port)
    socket.end(Buffer.concat(frames))
    await closedPromise(socket)
  })

  const plainDone = performance.now()
  // 2. After a genuine handshake: validly sealed frames with random content, then mutations.
  const identity = generateIdentity()
  await pool(SESSION_CONNECTIONS, PARALLEL, async () => {
    const raw = await rawHandshake(listener.port, identity)
    const frames: Buffer[] = []
    const requestIds = new Set<number>()
    for (let i = 0; i < SESSION_FRAMES_PER_CONNECTION - 1; i++) {
      // Odd but legal traffic the listener must survive and keep serving: requests with random
      // bodies, one-way messages, pings, and replies/cancels/pongs for ids it never issued.
      const pick = r.int(100)
      let type: number
      if (pick < 30) type = 2
      else if (pick < 55) type = 8
      else if (pick < 65) type = 9
      else type = [3, 4, 5, 6, 7, 10][r.int(6)]
      let id = r.int(2 ** 32)
      if (type === 2) {
        while (requestIds.has(id)) id = r.int(2 ** 32)
        requestIds.add(id)
      }
      const body = type === 6 ? r.bytes(r.int(8)) : r.bytes(r.int(200))
      frames.push(Buffer.concat(raw.sealer.seal([encodeMessage({ type: type as MessageType, id, body })])))
    }
    // The last frame breaks the rules: bit flip, replay, truncation, garbage, a huge prefix,
    // or a message type not allowed after the handshake (READY, GOAWAY-less junk types).
    const seal = (plain: Uint8Array) => Buffer.concat(raw.sealer.seal([plain]))
    const last = seal(encodeMessage({ type: 8, id: 0, body: r.bytes(16) }))
    switch (r.int(6)) {
      case 0:
        last[r.int(last.length)] ^= 1 << r.int(8)
        frames.push(last)
        break
      case 1:
        frames.push(frames[r.int(frames.length)])
        break
      case 2:
        frames.push(last.subarray(0, r.int(last.length)))
        break
      case 3:
        frames.push(r.bytes(1 + r.int(100)))
        break
      case 4:
        frames.push(encodeFramePrefix(2 ** 31 + r.int(2 ** 31)))
        break
      default:
        frames.push(seal(Buffer.from([[1, 0, 12, 255][r.int(4)], 0, 0, 0, 1])))
    }
    thrown += frames.length
    raw.socket.end(Buffer.concat(frames))
    await raw.closed
  })

  t.diagnostic(
    `plain phase ${(plainDone - started).toFixed(0)} ms, session phase ${(performance.now() - plainDone).toFixed(0)} ms`,
  )
  assert.ok(thrown >= 100_000, `threw only ${thrown} frames`)
  const client = await connect({ identity: generateIdentity(), host: '127.0.0.1', port: listener.port })
  assert.equal(dec(await client.request(enc('still serving'))), 'still serving')
  await client.close()
  await Promise.all(listener.sessions().map((s) => s.closed))
  gc()
  const growth = process.memoryUsage().heapUsed - heapBefore
  t.diagnostic(`threw ${thrown} frames; handlers saw ${delivered}; heap growth ${(growth / 2 ** 20).toFixed(1)} MiB`)
  assert.ok(delivered > 10_000, `only ${delivered} fuzzed messages reached the handlers`)
  assert.ok(growth < 32 * 2 ** 20, `heap grew by ${growth} bytes`)
})
