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
