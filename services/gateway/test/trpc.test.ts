import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { createTRPCClient, httpLink, httpSubscriptionLink, splitLink, TRPCClientError } from '@trpc/client'
import { EventSource } from 'eventsource'
import type { AppRouter } from '../src/index.ts'
import { MemoryBackend } from './helpers/memory-backend.ts'
import { startGateway, testBytes } from './helpers/start-gateway.ts'

const TOKEN = 'trpc-token-0123456789abcdef'

function client(base: string, token?: string) {
  const headers = token ? { authorization: `Bearer ${token}` } : undefined
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({ url: `${base}/trpc`, EventSource }),
        false: httpLink({ url: `${base}/trpc`, headers }),
      }),
    ],
  })
}

describe('gateway tRPC', () => {
  test('queries and mutations match REST; mutations need the token', async (t) => {
    const backend = new MemoryBackend()
    const gw = await startGateway(t, backend, { token: TOKEN })
    const res = await fetch(`${gw.base}/api/v1/files?name=a.txt`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/plain' },
      body: testBytes(5000),
    })
    const { cid } = (await res.json()) as { cid: string }
    const anon = client(gw.base)
    const list = await anon.files.list.query({ limit: 10 })
    assert.deepEqual(
      list.files.map((f) => f.cid),
      [cid],
    )
    const info = await anon.files.info.query({ cid: `netswarm://${cid}` })
    assert.equal(info.name, 'a.txt')
    assert.equal(info.mediaType, 'text/plain')
    const stats = await anon.stats.query()
    assert.equal(stats.storage.files, 1)

    await assert.rejects(anon.files.unpin.mutate({ cid }), (err: unknown) => {
      assert.ok(err instanceof TRPCClientError)
      assert.equal(err.data?.code, 'UNAUTHORIZED')
      return true
    })
    await assert.rejects(client(gw.base, 'wrong-token-0123456789abcd').files.unpin.mutate({ cid }), (err: unknown) => {
      assert.equal((err as TRPCClientError<AppRouter>).data?.code, 'FORBIDDEN')
      return true
    })
    assert.deepEqual(await client(gw.base, TOKEN).files.unpin.mutate({ cid }), { cid, pinned: false })
    await assert.rejects(anon.files.info.query({ cid: 'garbage' }), (err: unknown) => {
      const e = err as TRPCClientError<AppRouter>
      assert.equal(e.data?.code, 'BAD_REQUEST')
      assert.equal(e.data?.stack, undefined)
      return true
    })
  })

  test('transfer progress subscription over SSE delivers a snapshot, then changes', async (t) => {
    const backend = new MemoryBackend()
    const gw = await startGateway(t, backend)
    const summary = {
      transferId: 't1',
      cid: 'bafy',
      name: 'movie',
      kind: 'fetch' as const,
      state: 'downloading' as const,
      bytesDone: 1,
      bytesTotal: 100,
      bytesPerSecond: 0,
      sources: 1,
      peers: [{ peerId: 'p1', address: '127.0.0.1:1', bytesReceived: 1, bytesPerSecond: 0, rttMs: 3, dropped: false }],
      startedAtMs: 0,
      finishedAtMs: 0,
    }
    backend.transfers = [summary]
    const seen: number[] = []
    const fromP1: number[] = []
    await new Promise<void>((resolve, reject) => {
      const sub = client(gw.base).transfers.watch.subscribe(undefined, {
        onData(transfers) {
          seen.push(transfers[0]?.bytesDone ?? -1)
          fromP1.push(transfers[0]?.peers.find((p) => p.peerId === 'p1')?.bytesReceived ?? -1)
          // After the first snapshot, the backend moves on; the next event must show it.
          if (seen.length === 1)
            backend.transfers = [{ ...summary, bytesDone: 50, peers: [{ ...summary.peers[0], bytesReceived: 50 }] }]
          if (seen.length === 2) {
            sub.unsubscribe()
            resolve()
          }
        },
        onError: reject,
      })
    })
    assert.deepEqual(seen, [1, 50])
    // Per-source rows ride along, so the console can show them for transfers it did not start.
    assert.deepEqual(fromP1, [1, 50])
  })

  test('peer subscription starts with a snapshot', async (t) => {
    const gw = await startGateway(t, new MemoryBackend())
    const event = await new Promise<{ type: string }>((resolve, reject) => {
      const sub = client(gw.base).peers.watch.subscribe(undefined, {
        onData(e) {
          sub.unsubscribe()
          resolve(e)
        },
        onError: reject,
      })
    })
    assert.equal(event.type, 'snapshot')
  })
})
