import assert from 'node:assert/strict'
import { request } from 'node:http'
import { describe, test } from 'node:test'
import { MemoryBackend } from './helpers/memory-backend.ts'
import { startGateway, testBytes } from './helpers/start-gateway.ts'

async function upload(base: string, body: Uint8Array, name: string, headers: Record<string, string> = {}) {
  return fetch(`${base}/api/v1/files?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { 'content-type': 'video/mp4', ...headers },
    body,
  })
}

describe('gateway HTTP: upload and share links', () => {
  test('upload answers CID and share link; GET /f/<cid> returns the same bytes with caching headers', async (t) => {
    const gw = await startGateway(t, new MemoryBackend())
    const data = testBytes(700_000)
    const res = await upload(gw.base, data, 'clip.mp4')
    assert.equal(res.status, 201)
    const body = (await res.json()) as { cid: string; link: string; size: number; name: string; netswarmLink: string }
    assert.match(body.cid, /^b/)
    assert.equal(body.size, data.length)
    assert.equal(body.name, 'clip.mp4')
    assert.equal(body.link, `${gw.base}/f/${body.cid}`)
    assert.equal(body.netswarmLink, `netswarm://${body.cid}`)

    const got = await fetch(body.link)
    assert.equal(got.status, 200)
    assert.equal(got.headers.get('content-type'), 'video/mp4')
    assert.equal(got.headers.get('content-length'), String(data.length))
    assert.equal(got.headers.get('etag'), `"${body.cid}"`)
    assert.equal(got.headers.get('accept-ranges'), 'bytes')
    assert.match(got.headers.get('cache-control') ?? '', /immutable/)
    assert.equal(got.headers.get('content-disposition'), 'inline; filename="clip.mp4"')
    assert.ok(Buffer.from(await got.arrayBuffer()).equals(data))

    const again = await fetch(body.link, { headers: { 'if-none-match': `"${body.cid}"` } })
    assert.equal(again.status, 304)
  })

  test('HTTP Range: 206 with Content-Range for explicit, open and suffix ranges; 416 otherwise', async (t) => {
    const gw = await startGateway(t, new MemoryBackend())
    const data = testBytes(300_000, 7)
    const { cid } = (await (await upload(gw.base, data, 'a.bin')).json()) as { cid: string }
    const url = `${gw.base}/f/${cid}`
    const cases: [string, number, number][] = [
      ['bytes=1000-1999', 1000, 1999],
      ['bytes=299990-', 299_990, 299_999],
      ['bytes=-100', 299_900, 299_999],
      ['bytes=5-9999999', 5, 299_999],
    ]
    for (const [header, start, end] of cases) {
      const res = await fetch(url, { headers: { range: header } })
      assert.equal(res.status, 206, header)
      assert.equal(res.headers.get('content-range'), `bytes ${start}-${end}/${data.length}`)
      assert.ok(Buffer.from(await res.arrayBuffer()).equals(data.subarray(start, end + 1)), header)
    }
    for (const header of ['bytes=300000-', 'bytes=abc', 'bytes=0-1,5-6', 'items=0-5', 'bytes=10-5', 'bytes=-0']) {
      const res = await fetch(url, { headers: { range: header } })
      assert.equal(res.status, 416, header)
      assert.equal(res.headers.get('content-range'), `bytes */${data.length}`)
      const err = (await res.json()) as { error: { message: string } }
      assert.ok(err.error.message.length > 0)
    }
    // If-Range with another validator: the client's copy is stale, so the whole file comes back.
    const stale = await fetch(url, { headers: { range: 'bytes=0-9', 'if-range': '"other"' } })
    assert.equal(stale.status, 200)
    assert.equal((await stale.arrayBuffer()).byteLength, data.length)
    const head = await fetch(url, { method: 'HEAD', headers: { range: 'bytes=0-9' } })
    assert.equal(head.status, 206)
    assert.equal(head.headers.get('content-length'), '10')
  })

  test('malformed CIDs and links are 400 with a reason; an unknown CID is 404', async (t) => {
    const backend = new MemoryBackend()
    const gw = await startGateway(t, backend)
    for (const bad of [
      'not-a-cid',
      'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy',
      `Qm${'x'.repeat(300)}`,
    ]) {
      const res = await fetch(`${gw.base}/f/${bad}`)
      assert.equal(res.status, 400, bad)
      const body = (await res.json()) as { error: { code: string; message: string } }
      assert.equal(body.error.code, 'INVALID_ARGUMENT')
      assert.ok(body.error.message.length > 5)
      assert.doesNotMatch(JSON.stringify(body), /at .*\.ts:\d+/, 'no stack trace')
    }
    const data = testBytes(1000)
    const { cid } = (await (await upload(gw.base, data, 'x')).json()) as { cid: string }
    backend.files.clear()
    const res = await fetch(`${gw.base}/f/${cid}`)
    assert.equal(res.status, 404)
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'NOT_FOUND')
    const info = await fetch(`${gw.base}/api/v1/files/${cid}`)
    assert.equal(info.status, 404)
  })

  test('names with path separators and control characters are sanitized in Content-Disposition', async (t) => {
    const gw = await startGateway(t, new MemoryBackend())
    const name = '../../etc/pa\u0000ss\r\nwd"; x=y.txt'
    const { cid, name: stored } = (await (await upload(gw.base, testBytes(10), name)).json()) as {
      cid: string
      name: string
    }
    assert.equal(stored, 'pass_ x=y.txt'.replace('_', 'wd_;'))
    const res = await fetch(`${gw.base}/f/${cid}`)
    const cd = res.headers.get('content-disposition') ?? ''
    assert.doesNotMatch(cd, /[/\\\r\n]/)
    assert.match(cd, /^inline; filename="[^"]*"$/)
    const unicode = (await (await upload(gw.base, testBytes(10, 3), 'résumé 📄.pdf')).json()) as { cid: string }
    const cd2 = (await fetch(`${gw.base}/f/${unicode.cid}?download`)).headers.get('content-disposition') ?? ''
    assert.match(cd2, /^attachment; filename="r_sum_ _.pdf"; filename\*=UTF-8''r%C3%A9sum%C3%A9%20%F0%9F%93%84\.pdf$/)
  })

  test('oversized uploads get 413 and leave nothing stored or pinned (declared and streamed)', async (t) => {
    const backend = new MemoryBackend()
    const gw = await startGateway(t, backend, { maxUploadBytes: 100_000 })
    const declared = await upload(gw.base, testBytes(200_000), 'big.bin')
    assert.equal(declared.status, 413)
    // Chunked upload (no Content-Length): refused once the limit is crossed mid-stream.
    const streamed = await new Promise<number>((resolve, reject) => {
      const req = request(`${gw.base}/api/v1/files?name=big2.bin`, { method: 'POST' }, (res) => {
        res.resume()
        resolve(res.statusCode ?? 0)
      })
      req.on('error', reject)
      const block = testBytes(16_384, 9)
      let sent = 0
      const pump = () => {
        while (sent < 400_000) {
          sent += block.length
          if (!req.write(block)) return void req.once('drain', pump)
        }
        req.end()
      }
      pump()
    })
    assert.equal(streamed, 413)
    assert.deepEqual(await Promise.all(backend.publishes), ['cancelled'])
    const list = (await (await fetch(`${gw.base}/api/v1/files`)).json()) as { files: unknown[] }
    assert.deepEqual(list.files, [])
    const metrics = await (await fetch(`${gw.base}/metrics`)).text()
    assert.match(metrics, /netswarm_gateway_uploads_rejected_total\{reason="too_large",service="gateway"\} 2/)
  })

  test('an upload cut off halfway leaves nothing stored or pinned', async (t) => {
    const backend = new MemoryBackend()
    const gw = await startGateway(t, backend)
    const req = request(`${gw.base}/api/v1/files?name=half.bin`, {
      method: 'POST',
      headers: { 'content-length': '1000000' },
    })
    req.on('error', () => {})
    req.write(testBytes(300_000))
    // Wait until the gateway has started a publish (so the cut really happens mid-upload).
    while (backend.publishes.length === 0) await new Promise((r) => setImmediate(r))
    req.destroy()
    assert.deepEqual(await Promise.all(backend.publishes), ['cancelled'])
    assert.equal(backend.files.size, 0)
  })

  test('streaming starts before the backend has produced the whole file', async (t) => {
    const backend = new MemoryBackend()
    const gw = await startGateway(t, backend)
    const data = testBytes(500_000, 5)
    const { cid } = (await (await upload(gw.base, data, 'slow.bin')).json()) as { cid: string }
    let release!: () => void
    backend.gate = new Promise((r) => (release = r))
    const res = await fetch(`${gw.base}/f/${cid}`)
    assert.equal(res.status, 200)
    const reader = res.body!.getReader()
    const first = await reader.read()
    // The backend is still holding the rest of the file back: the client already has bytes.
    assert.ok(first.value && first.value.byteLength > 0)
    release()
    const parts = [Buffer.from(first.value!)]
    for (let r = await reader.read(); !r.done; r = await reader.read()) parts.push(Buffer.from(r.value))
    assert.ok(Buffer.concat(parts).equals(data))
  })
})
