import assert from 'node:assert/strict'
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { runCli, startSwarm, testBytes } from './helpers/swarm.ts'

interface Version {
  sequence: number
  cid: string
  timeMs: number
  message: string
  chunks: number | null
  sharedChunks: number | null
}

test('a name published three times on A resolves to v3 on B; v1 stays fetchable; history lists all', async (t) => {
  const swarm = await startSwarm(t, 2)
  const [a, b] = swarm.peers
  const dir = await mkdtemp(join(tmpdir(), 'netswarm-names-'))
  t.after(() => rm(dir, { recursive: true, force: true }))
  const cli = async (args: string[], gateway: string) => {
    const run = await runCli([...args, '-g', gateway], { NETSWARM_TOKEN: swarm.token })
    assert.equal(run.code, 0, `${args.join(' ')}: ${run.stderr}`)
    return run.stdout.toString()
  }

  const created = JSON.parse(await cli(['name', 'create', 'report', '--json'], a.gatewayUrl)) as {
    key: string
    link: string
  }
  assert.equal(created.link, `netswarm://name/${created.key}`)
  assert.equal((await stat(join(a.dataDir, 'names', 'report.key'))).mode & 0o777, 0o600)

  // v1, then v2 = v1 with a block changed in the middle, then v3 = v2 with bytes appended.
  const v1 = testBytes(3 * 1024 * 1024, 7)
  const v2 = Buffer.from(v1)
  testBytes(50_000, 8).copy(v2, 1_500_000)
  const v3 = Buffer.concat([v2, testBytes(700_000, 9)])
  const versions = [v1, v2, v3]
  const cids: string[] = []
  for (const [i, bytes] of versions.entries()) {
    const file = join(dir, 'report.bin')
    await writeFile(file, bytes)
    const out = JSON.parse(
      await cli(['publish', file, '--name', 'report', '-m', `draft ${i + 1}`, '--json'], a.gatewayUrl),
    )
    assert.equal(out.sequence, i + 1)
    cids.push(out.cid)
  }
  assert.equal(new Set(cids).size, 3)

  // B resolves the link (through its own DHT service) to v3.
  assert.equal((await cli(['resolve', created.link], b.gatewayUrl)).trim(), cids[2])
  assert.equal((await cli(['resolve', `${created.link}@1`], b.gatewayUrl)).trim(), cids[0])
  const redirect = await fetch(`${b.gatewayUrl}/n/${created.key}`, { redirect: 'manual' })
  assert.equal(redirect.status, 302)
  assert.equal(redirect.headers.get('location'), `../f/${cids[2]}`)
  const deep = await fetch(`${b.gatewayUrl}/n/${created.key}/sub/x.txt?raw=1`, { redirect: 'manual' })
  assert.equal(
    new URL(deep.headers.get('location')!, `${b.gatewayUrl}/n/${created.key}/sub/x.txt`).href,
    `${b.gatewayUrl}/f/${cids[2]}/sub/x.txt?raw=1`,
  )
  assert.equal(redirect.headers.get('cache-control'), 'no-store')
  const newest = await fetch(`${b.gatewayUrl}/n/${created.key}`)
  assert.ok(Buffer.from(await newest.arrayBuffer()).equals(v3), 'the name link does not serve v3')

  // v1 by CID on B (the gateway verifies every chunk it streams from A).
  const old = await fetch(`${b.gatewayUrl}/f/${cids[0]}`)
  assert.equal(old.status, 200)
  assert.ok(Buffer.from(await old.arrayBuffer()).equals(v1), 'v1 by CID differs')

  // History on B: newest first, dates, chunks shared with the version before.
  const history = JSON.parse(await cli(['history', created.link, '--json'], b.gatewayUrl)) as { versions: Version[] }
  assert.deepEqual(
    history.versions.map((v) => [v.sequence, v.cid, v.message]),
    [
      [3, cids[2], 'draft 3'],
      [2, cids[1], 'draft 2'],
      [1, cids[0], 'draft 1'],
    ],
  )
  const [h3, h2, h1] = history.versions
  assert.equal(h1.sharedChunks, 0)
  for (const v of [h2, h3]) {
    assert.ok(v.chunks !== null && v.sharedChunks !== null)
    // Content-defined chunking: a local change leaves most chunks shared, but not all.
    assert.ok(v.sharedChunks > 0 && v.sharedChunks < v.chunks, `shared ${v.sharedChunks} of ${v.chunks}`)
  }
  assert.ok(h1.timeMs <= h2.timeMs && h2.timeMs <= h3.timeMs && h3.timeMs <= Date.now())
  const table = await cli(['history', 'report'], a.gatewayUrl)
  assert.match(table, /VERSION\s+DATE\s+SHARED/)

  // A name nobody published: 404 on REST and on the link; exit 4 from the CLI.
  const unused = JSON.parse(await cli(['name', 'create', 'unused', '--json'], a.gatewayUrl)) as { key: string }
  assert.equal((await fetch(`${b.gatewayUrl}/api/v1/names/${unused.key}`)).status, 404)
  assert.equal((await fetch(`${b.gatewayUrl}/n/${unused.key}/x.txt`, { redirect: 'manual' })).status, 404)
  const missing = await runCli(['resolve', unused.key, '-g', b.gatewayUrl])
  assert.equal(missing.code, 4, missing.stderr)
  // Only the owner can publish; a malformed key is a 400.
  const foreign = await fetch(`${b.gatewayUrl}/api/v1/names/${created.key}/versions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${swarm.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ cid: cids[0] }),
  })
  assert.equal(foreign.status, 404)
  assert.equal((await fetch(`${b.gatewayUrl}/api/v1/names/bnotakey`)).status, 400)
})
