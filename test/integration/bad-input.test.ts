import assert from 'node:assert/strict'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { runCli, startSwarm, testBytes } from './helpers/swarm.ts'

const UNKNOWN_CID = 'bafyreigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi'

interface ListedFile {
  cid: string
  pinned: boolean
}

async function metrics(gatewayUrl: string): Promise<string> {
  return (await fetch(`${gatewayUrl}/metrics`)).text()
}

/** Re-checks a cross-process condition until it holds (at most `timeoutMs`). */
async function waitFor(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

async function pinnedFiles(gatewayUrl: string): Promise<ListedFile[]> {
  const { files } = (await (await fetch(`${gatewayUrl}/api/v1/files?limit=500`)).json()) as { files: ListedFile[] }
  return files.filter((f) => f.pinned)
}

describe('bad input against real peers', () => {
  test('malformed CIDs/links 400, unknown CID 404 after a bounded search, bad Range 416, token 401/403, oversized 413', async (t) => {
    const swarm = await startSwarm(t, 2, {
      NETSWARM_GATEWAY_MAX_UPLOAD_BYTES: '1MiB',
      NETSWARM_GATEWAY_LOOKUP_TIMEOUT_MS: '3000',
    })
    const [a, b] = swarm.peers
    const auth = { authorization: `Bearer ${swarm.token}` }

    for (const bad of ['hello', 'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy', '%00']) {
      const res = await fetch(`${a.gatewayUrl}/f/${bad}`)
      assert.equal(res.status, 400, bad)
      const body = (await res.json()) as { error: { message: string } }
      assert.ok(body.error.message.length > 5)
    }
    const cli = await runCli(['fetch', 'http://example.com/not-a-share-link'])
    assert.equal(cli.code, 2)
    assert.match(cli.stderr, /share link/)

    const unknown = await fetch(`${b.gatewayUrl}/f/${UNKNOWN_CID}`)
    assert.equal(unknown.status, 404)
    const cliUnknown = await runCli(['fetch', UNKNOWN_CID, '-g', b.gatewayUrl])
    assert.equal(cliUnknown.code, 4, cliUnknown.stderr)

    assert.equal((await fetch(`${a.gatewayUrl}/api/v1/files?name=x`, { method: 'POST', body: 'abcd' })).status, 401)
    const wrong = await fetch(`${a.gatewayUrl}/api/v1/files?name=x`, {
      method: 'POST',
      headers: { authorization: 'Bearer not-the-token-at-all' },
      body: 'abcd',
    })
    assert.equal(wrong.status, 403)

    const ok = await fetch(`${a.gatewayUrl}/api/v1/files?name=small.bin`, {
      method: 'POST',
      headers: auth,
      body: testBytes(4096),
    })
    assert.equal(ok.status, 201)
    const { cid } = (await ok.json()) as { cid: string }
    for (const range of ['bytes=4096-', 'bytes=9-3', 'bytes=0-1,3-4', 'lines=1-2']) {
      const res = await fetch(`${a.gatewayUrl}/f/${cid}`, { headers: { range } })
      assert.equal(res.status, 416, range)
      assert.equal(res.headers.get('content-range'), 'bytes */4096')
    }

    const before = await pinnedFiles(a.gatewayUrl)
    const big = await fetch(`${a.gatewayUrl}/api/v1/files?name=big.bin`, {
      method: 'POST',
      headers: auth,
      body: testBytes(2 * 1024 * 1024, 3),
    })
    assert.equal(big.status, 413)
    assert.deepEqual(await pinnedFiles(a.gatewayUrl), before)
  })

  test('an upload cut off halfway leaves nothing pinned; fetch -o sanitizes names from the swarm', async (t) => {
    const swarm = await startSwarm(t, 2)
    const [a, b] = swarm.peers
    const before = await pinnedFiles(a.gatewayUrl)
    await new Promise<void>((resolve) => {
      const req = request(`${a.gatewayUrl}/api/v1/files?name=half.bin`, {
        method: 'POST',
        headers: { authorization: `Bearer ${swarm.token}`, 'content-length': String(8 * 1024 * 1024) },
      })
      req.on('error', () => resolve())
      req.on('close', () => resolve())
      req.write(testBytes(3 * 1024 * 1024, 5), () => req.destroy())
    })
    // The gateway counts the cut upload only once the transfer service has refused the stream;
    // no event crosses the process boundary, so wait (bounded) for that counter.
    await waitFor(async () => /uploads_rejected_total\{reason="aborted"[^}]*\} 1/.test(await metrics(a.gatewayUrl)))
    assert.deepEqual(await pinnedFiles(a.gatewayUrl), before)

    const after = await fetch(`${a.gatewayUrl}/api/v1/files?name=${encodeURIComponent('../../x/\u0001evil\r\n.txt')}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${swarm.token}` },
      body: testBytes(5000, 9),
    })
    assert.equal(after.status, 201)
    const { cid } = (await after.json()) as { cid: string }

    const dir = await mkdtemp(join(tmpdir(), 'netswarm-names-'))
    t.after(() => rm(dir, { recursive: true, force: true }))
    const fetched = await runCli(['fetch', cid, '-o', dir, '-g', b.gatewayUrl])
    assert.equal(fetched.code, 0, fetched.stderr)
    assert.deepEqual(await readdir(dir), ['evil.txt'])
  })
})
