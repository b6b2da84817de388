import assert from 'node:assert/strict'
import { once } from 'node:events'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, test } from 'node:test'
import { codeOfStatus, describeError, toConsoleError } from '../../web/src/lib/errors.ts'
import { formatBytes, formatRate, percent, shortId } from '../../web/src/lib/format.ts'
import { demoPeers, MapLayout, ringRadii } from '../../web/src/lib/map-layout.ts'
import { GATEWAYS_ENV, parseGateways } from '../../web/src/server/gateways.ts'
import { proxyToGateway } from '../../web/src/server/proxy.ts'

describe('console formatting', () => {
  test('bytes, rates, percent and ids read as a person expects', () => {
    assert.equal(formatBytes(0), '0 B')
    assert.equal(formatBytes(1536), '1.50 KiB')
    assert.equal(formatBytes(64 * 1024 * 1024), '64.0 MiB')
    assert.equal(formatBytes(-1), '—')
    assert.equal(formatRate(2048), '2.00 KiB/s')
    assert.equal(percent(0, 0), 100)
    assert.equal(percent(1, 3), 33)
    assert.equal(percent(5, 4), 100)
    assert.equal(shortId('bafyreiabcdefghijklmnop', 8, 4), 'bafyreia…mnop')
    assert.equal(shortId('short'), 'short')
  })
})

describe('console errors', () => {
  test('tRPC errors keep their code; token problems ask for a token', () => {
    const e = toConsoleError({ message: 'the bearer token is not valid', data: { code: 'FORBIDDEN', httpStatus: 403 } })
    assert.deepEqual(e, { code: 'FORBIDDEN', message: 'the bearer token is not valid', needsToken: true })
    assert.match(describeError(e), /refused the token/)
    const nf = toConsoleError({ message: 'no peer provides bafy (searched for 15 s)', data: { code: 'NOT_FOUND' } })
    assert.equal(describeError(nf), 'No peer provides bafy (searched for 15 s). Not found.')
    assert.equal(nf.needsToken, false)
  })

  test('HTTP statuses and network failures map to codes', () => {
    assert.equal(codeOfStatus(413), 'PAYLOAD_TOO_LARGE')
    assert.equal(codeOfStatus(507), 'PAYLOAD_TOO_LARGE')
    assert.equal(codeOfStatus(599), 'INTERNAL_SERVER_ERROR')
    assert.equal(toConsoleError(new TypeError('Failed to fetch')).code, 'SERVICE_UNAVAILABLE')
    assert.equal(toConsoleError({ message: 'x', data: { httpStatus: 401 } }).needsToken, true)
  })
})

describe('console gateways', () => {
  test('parses the gateway list and names a bad entry', () => {
    assert.deepEqual(parseGateways(undefined), ['http://127.0.0.1:8080'])
    assert.deepEqual(parseGateways(' http://127.0.0.1:8081/ , http://h:1 '), ['http://127.0.0.1:8081', 'http://h:1'])
    assert.throws(() => parseGateways('127.0.0.1:8080'), new RegExp(`${GATEWAYS_ENV}: "127.0.0.1:8080" is not a URL`))
    assert.throws(() => parseGateways('ftp://x'), /must be http/)
  })
})

describe('network map layout', () => {
  test('nearer buckets get inner rings', () => {
    const radii = ringRadii([255, 250, 255, 254])
    assert.ok(radii.get(250)! < radii.get(254)!)
    assert.ok(radii.get(254)! < radii.get(255)!)
  })

  test('peers that stay keep their place; joins and leaves are reported', () => {
    const [a, b, c] = demoPeers(3, 5)
    const layout = new MapLayout('self')
    assert.deepEqual(layout.update([a, b]).added.sort(), [a.peerId, b.peerId].sort())
    for (let i = 0; i < 50; i++) layout.simulation.tick()
    const before = layout.all().find((n) => n.peerId === a.peerId)!
    const at = { x: before.x, y: before.y }
    const change = layout.update([a, c])
    assert.deepEqual(change, { added: [c.peerId], removed: [b.peerId] })
    const after = layout.all().find((n) => n.peerId === a.peerId)!
    assert.deepEqual({ x: after.x, y: after.y }, at)
    assert.deepEqual(
      layout
        .all()
        .map((n) => n.peerId)
        .sort(),
      ['self', a.peerId, c.peerId].sort(),
    )
    assert.equal(layout.nodeAt(at.x, at.y)?.peerId, a.peerId)
  })

  test('200 peers settle without overlapping the centre, buckets capped at k = 20', () => {
    const peers = demoPeers(200)
    const perBucket = new Map<number, number>()
    for (const p of peers) perBucket.set(p.bucketIndex, (perBucket.get(p.bucketIndex) ?? 0) + 1)
    assert.ok([...perBucket.values()].every((n) => n <= 20))
    const layout = new MapLayout('self')
    layout.update(peers)
    for (let i = 0; i < 300; i++) layout.simulation.tick()
    const nodes = layout.all().filter((n) => !n.self)
    assert.equal(nodes.length, 200)
    assert.ok(
      nodes.every((n) => Math.hypot(n.x, n.y) > 30),
      'no peer sits on top of this one',
    )
  })
})

describe('console proxy', () => {
  test('streams requests to the chosen gateway, adds the token cookie, refuses other paths', async (t) => {
    const seen: { url?: string; auth?: string; body: string }[] = []
    const gateway = createServer(async (req: IncomingMessage, res) => {
      let body = ''
      for await (const chunk of req) body += chunk
      seen.push({ url: req.url, auth: req.headers.authorization, body })
      res.writeHead(201, { 'content-type': 'application/json', connection: 'keep-alive' })
      res.end(JSON.stringify({ ok: true }))
    })
    gateway.listen(0, '127.0.0.1')
    await once(gateway, 'listening')
    t.after(() => gateway.close())
    const url = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`
    const saved = process.env[GATEWAYS_ENV]
    process.env[GATEWAYS_ENV] = `http://127.0.0.1:1,${url}`
    t.after(() => {
      process.env[GATEWAYS_ENV] = saved
    })

    const upload = new Request('http://console/gw/1/api/v1/files?name=a.txt', {
      method: 'POST',
      headers: { cookie: 'other=1; netswarm_token_1=s3cret', 'content-type': 'text/plain' },
      body: 'hello',
    })
    const res = await proxyToGateway(upload, '1', ['api', 'v1', 'files'])
    assert.equal(res.status, 201)
    assert.deepEqual(await res.json(), { ok: true })
    assert.equal(res.headers.get('connection'), null)
    assert.deepEqual(seen[0], { url: '/api/v1/files?name=a.txt', auth: 'Bearer s3cret', body: 'hello' })

    const batch = await proxyToGateway(new Request('http://console/gw/1/trpc/a,b'), '1', ['trpc', 'a,b'])
    assert.equal(batch.status, 201)
    assert.equal(seen[1].url, '/trpc/a,b')
    assert.equal(seen[1].auth, undefined)

    const metrics = await proxyToGateway(new Request('http://console/gw/1/metrics'), '1', ['metrics'])
    assert.equal(metrics.status, 404)
    const unknownPeer = await proxyToGateway(new Request('http://console/gw/7/f/x'), '7', ['f', 'x'])
    assert.equal(unknownPeer.status, 404)
    const down = await proxyToGateway(new Request('http://console/gw/0/trpc/stats'), '0', ['trpc', 'stats'])
    assert.equal(down.status, 503)
    const body = (await down.json()) as { error: { message: string; data: { code: string } } }
    assert.equal(body.error.data.code, 'SERVICE_UNAVAILABLE')
    assert.match(body.error.message, /cannot reach the gateway of peer 0/)
    assert.equal(seen.length, 2)
  })
})
