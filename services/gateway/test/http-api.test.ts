import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { MemoryBackend } from './helpers/memory-backend.ts'
import { startGateway, testBytes } from './helpers/start-gateway.ts'

const TOKEN = 'test-token-0123456789abcdef'

async function add(base: string, size: number, seed: number, token?: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/files?name=f${seed}.bin`, {
    method: 'POST',
    headers: token ? { authorization: `Bearer ${token}` } : {},
    body: testBytes(size, seed),
  })
  assert.equal(res.status, 201)
  return ((await res.json()) as { cid: string }).cid
}

describe('gateway HTTP: access, listings, health', () => {
  test('write and admin endpoints need the token (401 missing, 403 wrong); reads stay public', async (t) => {
    const gw = await startGateway(t, new MemoryBackend(), { token: TOKEN })
    const post = (headers: Record<string, string>) =>
      fetch(`${gw.base}/api/v1/files?name=a`, { method: 'POST', headers, body: testBytes(100) })
    const missing = await post({})
    assert.equal(missing.status, 401)
    assert.equal(((await missing.json()) as { error: { code: string } }).error.code, 'UNAUTHENTICATED')
    assert.equal((await post({ authorization: 'Bearer wrong-token-0123456789' })).status, 403)
    assert.equal((await post({ authorization: 'Basic abc' })).status, 401)
    const cid = await add(gw.base, 100, 1, TOKEN)
    assert.equal((await fetch(`${gw.base}/f/${cid}`)).status, 200)
    assert.equal((await fetch(`${gw.base}/api/v1/files`)).status, 200)
    assert.equal((await fetch(`${gw.base}/api/v1/files/${cid}/pin`, { method: 'DELETE' })).status, 401)
    const unpin = await fetch(`${gw.base}/api/v1/files/${cid}/pin`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${TOKEN}` },
    })
    assert.deepEqual(await unpin.json(), { cid, pinned: false })
  })

  test('file list pages with a cursor; a bad limit is 400', async (t) => {
    const gw = await startGateway(t, new MemoryBackend())
    const cids = [await add(gw.base, 10, 1), await add(gw.base, 10, 2), await add(gw.base, 10, 3)].sort()
    const first = (await (await fetch(`${gw.base}/api/v1/files?limit=2`)).json()) as {
      files: { cid: string; link: string }[]
      nextCursor?: string
    }
    assert.deepEqual(
      first.files.map((f) => f.cid),
      cids.slice(0, 2),
    )
    assert.equal(first.files[0].link, `${gw.base}/f/${cids[0]}`)
    const second = (await (await fetch(`${gw.base}/api/v1/files?limit=2&cursor=${first.nextCursor}`)).json()) as {
      files: { cid: string }[]
      nextCursor?: string
    }
    assert.deepEqual(
      second.files.map((f) => f.cid),
      cids.slice(2),
    )
    assert.equal(second.nextCursor, undefined)
    for (const limit of ['0', '-1', 'abc', '100000']) {
      assert.equal((await fetch(`${gw.base}/api/v1/files?limit=${limit}`)).status, 400, limit)
    }
  })

  test('file info shows the manifest and pin state; pin and unpin change it; manifest bytes are served', async (t) => {
    const backend = new MemoryBackend()
    const gw = await startGateway(t, backend)
    const cid = await add(gw.base, 2_000_000, 4)
    const info = (await (await fetch(`${gw.base}/api/v1/files/${cid}`)).json()) as {
      size: number
      local: boolean
      pinned: boolean
      manifest: { chunks: { size: number; offset: number }[] }
    }
    assert.equal(info.size, 2_000_000)
    assert.equal(info.local, true)
    assert.equal(info.pinned, true)
    assert.equal(
      info.manifest.chunks.reduce((n, c) => n + c.size, 0),
      2_000_000,
    )
    assert.equal((await fetch(`${gw.base}/api/v1/files/${cid}/pin`, { method: 'DELETE' })).status, 200)
    assert.equal(backend.files.get(cid)!.file.pinned, false)
    assert.equal((await fetch(`${gw.base}/api/v1/files/${cid}/pin`, { method: 'PUT' })).status, 200)
    assert.equal(backend.files.get(cid)!.file.pinned, true)
    const manifest = await fetch(`${gw.base}/api/v1/files/${cid}/manifest`)
    assert.equal(manifest.headers.get('content-type'), 'application/vnd.ipld.dag-cbor')
    assert.ok(Buffer.from(await manifest.arrayBuffer()).equals(Buffer.from(backend.files.get(cid)!.manifestBytes)))
  })

  test('CORS headers only for configured origins; preflight answered', async (t) => {
    const gw = await startGateway(t, new MemoryBackend(), { corsOrigins: 'http://localhost:3000' })
    const ok = await fetch(`${gw.base}/api/v1/stats`, { headers: { origin: 'http://localhost:3000' } })
    assert.equal(ok.headers.get('access-control-allow-origin'), 'http://localhost:3000')
    const other = await fetch(`${gw.base}/api/v1/stats`, { headers: { origin: 'http://evil.example' } })
    assert.equal(other.headers.get('access-control-allow-origin'), null)
    const preflight = await fetch(`${gw.base}/api/v1/files`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST' },
    })
    assert.equal(preflight.status, 204)
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /Authorization/)
  })

  test('/healthz, /readyz follow the backends, /metrics has netswarm_gateway_* series', async (t) => {
    const backend = new MemoryBackend()
    const gw = await startGateway(t, backend)
    assert.equal((await fetch(`${gw.base}/healthz`)).status, 200)
    assert.equal((await fetch(`${gw.base}/readyz`)).status, 200)
    backend.readyValue = false
    assert.equal((await fetch(`${gw.base}/readyz`)).status, 503)
    await fetch(`${gw.base}/api/v1/peers`)
    const text = await (await fetch(`${gw.base}/metrics`)).text()
    assert.match(text, /netswarm_gateway_http_requests_total\{method="GET",route="\/api\/v1\/peers",status="200"/)
    assert.match(text, /netswarm_gateway_process_cpu_seconds_total/)
    assert.equal((await fetch(`${gw.base}/nope`)).status, 404)
  })

  test('peers, transfers and stats answer JSON', async (t) => {
    const backend = new MemoryBackend()
    backend.transfers = [
      {
        transferId: 't1',
        cid: 'b',
        name: 'n',
        kind: 'fetch',
        state: 'downloading',
        bytesDone: 5,
        bytesTotal: 10,
        bytesPerSecond: 1,
        sources: 2,
        peers: [
          { peerId: 'p1', address: '127.0.0.1:1', bytesReceived: 5, bytesPerSecond: 1, rttMs: 2, dropped: false },
        ],
        startedAtMs: 1,
        finishedAtMs: 0,
      },
    ]
    const gw = await startGateway(t, backend)
    const peers = (await (await fetch(`${gw.base}/api/v1/peers`)).json()) as { self: string; peers: unknown[] }
    assert.equal(peers.self, 'self')
    const transfers = (await (await fetch(`${gw.base}/api/v1/transfers`)).json()) as {
      transfers: { bytesDone: number; peers: { peerId: string; bytesReceived: number }[] }[]
    }
    assert.equal(transfers.transfers[0].bytesDone, 5)
    assert.deepEqual(
      transfers.transfers[0].peers.map((p) => [p.peerId, p.bytesReceived]),
      [['p1', 5]],
    )
    const stats = (await (await fetch(`${gw.base}/api/v1/stats`)).json()) as { transfers: { active: number } }
    assert.equal(stats.transfers.active, 1)
  })
})
