import assert from 'node:assert/strict'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { MemoryBackend } from '../../services/gateway/test/helpers/memory-backend.ts'
import { startGateway, testBytes } from '../../services/gateway/test/helpers/start-gateway.ts'
import { runCli } from './helpers.ts'

const TOKEN = 'cli-token-0123456789abcdefgh'

describe('netswarm CLI against a gateway (in-memory backend)', () => {
  test('add, fetch (byte-identical, sanitized name), cat, ls --json, stat, pin/unpin, exit codes', async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'netswarm-cli-'))
    t.after(() => rm(dir, { recursive: true, force: true }))
    const backend = new MemoryBackend()
    const gw = await startGateway(t, backend, { token: TOKEN })
    const env = { NETSWARM_GATEWAY: gw.base, NETSWARM_TOKEN: TOKEN }
    const data = testBytes(1_500_000, 11)
    const src = join(dir, 'movie.mp4')
    await writeFile(src, data)

    const noToken = await runCli(['add', src], { env: { NETSWARM_GATEWAY: gw.base } })
    assert.equal(noToken.code, 6, noToken.stderr)
    assert.match(noToken.stderr, /token/)

    const added = await runCli(['add', src, '--json', '--name', '../evil/\u0007name.mp4'], { env })
    assert.equal(added.code, 0, added.stderr)
    const { cid, link } = JSON.parse(added.stdout.toString()) as { cid: string; link: string }

    const out = join(dir, 'out')
    await runCli(['fetch', '--help'], { env })
    const fetched = await runCli(['fetch', link, '-o', dir, '-q'], { env: { NETSWARM_GATEWAY: 'http://127.0.0.1:1' } })
    assert.equal(fetched.code, 0, fetched.stderr)
    // The name came from the uploader: only its last segment, without control characters.
    assert.ok((await readdir(dir)).includes('name.mp4'))
    assert.ok((await readFile(join(dir, 'name.mp4'))).equals(data))
    assert.equal((await runCli(['fetch', `netswarm://${cid}`, '-o', join(dir, 'name.mp4')], { env })).code, 2)
    const forced = await runCli(['fetch', `netswarm://${cid}`, '-o', out, '--json'], { env })
    assert.equal(forced.code, 0, forced.stderr)
    assert.ok((await readFile(out)).equals(data))

    const cat = await runCli(['cat', cid], { env })
    assert.equal(cat.code, 0)
    assert.ok(cat.stdout.equals(data))

    const ls = await runCli(['ls', '--json'], { env })
    assert.deepEqual(
      (JSON.parse(ls.stdout.toString()) as { files: { cid: string }[] }).files.map((f) => f.cid),
      [cid],
    )
    const stat = await runCli(['stat', cid, '--json'], { env })
    assert.equal((JSON.parse(stat.stdout.toString()) as { size: number }).size, data.length)
    assert.equal((await runCli(['unpin', cid], { env })).code, 0)
    assert.equal(backend.files.get(cid)?.file.pinned, false)
    assert.equal((await runCli(['pin', cid], { env })).code, 0)
    assert.equal(backend.files.get(cid)?.file.pinned, true)
  })

  test('bad links exit 2, unknown CIDs exit 4, an unreachable gateway exits 3, with actionable messages', async (t) => {
    const backend = new MemoryBackend()
    const gw = await startGateway(t, backend)
    const env = { NETSWARM_GATEWAY: gw.base }
    const bad = await runCli(['fetch', 'ftp://nope'], { env })
    assert.equal(bad.code, 2)
    assert.match(bad.stderr, /bad CID or link/)
    const cid = 'bafyreigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi'
    const unknown = await runCli(['fetch', cid], { env })
    assert.equal(unknown.code, 4, unknown.stderr)
    const down = await runCli(['ls'], { env: { NETSWARM_GATEWAY: 'http://127.0.0.1:9' } })
    assert.equal(down.code, 3)
    assert.match(down.stderr, /cannot reach the gateway at http:\/\/127\.0\.0\.1:9/)
    const usage = await runCli(['add'], { env })
    assert.equal(usage.code, 2)
    const missing = await runCli(['add', '/definitely/not/here'], { env })
    assert.equal(missing.code, 2)
    assert.match(missing.stderr, /no such file/)
    const help = await runCli(['--help'])
    assert.equal(help.code, 0)
    assert.match(help.stdout.toString(), /Exit codes:/)
  })
})
