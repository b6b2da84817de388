import assert from 'node:assert/strict'
import { test } from 'node:test'
import { NotFoundError } from '@netswarm/runtime'
import { WireRemoteError } from '../src/index.ts'
import { dec, enc, pair } from './helpers.ts'

test('request/response over an authenticated encrypted session', async (t) => {
  const { client, server, serverIdentity, clientIdentity } = await pair(t, {
    onRequest: async (body) => enc(`echo:${dec(body)}`),
  })
  assert.ok(client.remotePeerId.equals(serverIdentity.peerId))
  assert.ok(server.remotePeerId.equals(clientIdentity.peerId))
  assert.deepEqual(Buffer.from(server.remotePublicKey), Buffer.from(clientIdentity.publicKey))
  assert.equal(dec(await client.request(enc('hi'))), 'echo:hi')
  // Both ends know where the other is (a dialed socket has no address until it connects).
  assert.match(client.remoteAddress, /^127\.0\.0\.1:\d+$/)
  assert.match(server.remoteAddress, /^127\.0\.0\.1:\d+$/)
  assert.notEqual(client.remoteAddress, server.remoteAddress)
})

test('handler errors arrive as WireRemoteError with the runtime code', async (t) => {
  const { client } = await pair(t, {
    onRequest: async (body) => {
      if (dec(body) === 'missing') throw new NotFoundError('no such chunk')
      throw new Error('secret internals')
    },
  })
  await assert.rejects(client.request(enc('missing')), (err: unknown) => {
    return err instanceof WireRemoteError && err.code === 'NOT_FOUND' && err.message === 'no such chunk'
  })
  await assert.rejects(client.request(enc('x')), (err: unknown) => {
    return err instanceof WireRemoteError && err.code === 'INTERNAL' && !err.message.includes('secret')
  })
})

test('many concurrent requests and streams multiplex on one connection', async (t) => {
  const { client } = await pair(t, {
    onRequest: async (body) => {
      const text = dec(body)
      if (text.startsWith('stream:')) {
        const n = Number(text.slice(7))
        return (async function* () {
          for (let i = 0; i < n; i++) yield enc(`${n}/${i}`)
        })()
      }
      // Answer out of order: later requests finish first.
      await new Promise((resolve) => setImmediate(resolve))
      return enc(`r:${text}`)
    },
  })
  const unary = Array.from({ length: 200 }, (_, i) => client.request(enc(String(i))))
  const streams = Array.from({ length: 20 }, async (_, s) => {
    const items: string[] = []
    for await (const item of client.requestStream(enc(`stream:${s}`))) items.push(dec(item))
    return items
  })
  const [answers, streamed] = await Promise.all([Promise.all(unary), Promise.all(streams)])
  assert.deepEqual(
    answers.map(dec),
    answers.map((_, i) => `r:${i}`),
  )
  assert.deepEqual(
    streamed,
    streamed.map((_, s) => Array.from({ length: s }, (_, i) => `${s}/${i}`)),
  )
})

test('one-way messages arrive in order', async (t) => {
  const got: string[] = []
  let done!: () => void
  const all = new Promise<void>((resolve) => (done = resolve))
  const { client } = await pair(t, {
    onMessage: (body) => {
      got.push(dec(body))
      if (got.length === 100) done()
    },
  })
  for (let i = 0; i < 100; i++) await client.send(enc(String(i)))
  await all
  assert.deepEqual(
    got,
    Array.from({ length: 100 }, (_, i) => String(i)),
  )
})

test('requests work in both directions', async (t) => {
  const { client, server } = await pair(
    t,
    { onRequest: async () => enc('from server') },
    { clientHandlers: { onRequest: async () => enc('from client') } },
  )
  assert.equal(dec(await server.request(enc('?'))), 'from client')
  assert.equal(dec(await client.request(enc('?'))), 'from server')
})

test('a 1 MiB body fits one response and bodies over MAX_BODY_BYTES are refused locally', async (t) => {
  const { MAX_BODY_BYTES } = await import('../src/index.ts')
  const big = new Uint8Array(1024 * 1024).map((_, i) => i % 251)
  const { client } = await pair(t, { onRequest: async () => big })
  assert.deepEqual(Buffer.from(await client.request(enc('chunk'))), Buffer.from(big))
  await assert.rejects(client.send(new Uint8Array(MAX_BODY_BYTES + 1)), { code: 'INVALID_ARGUMENT' })
})
