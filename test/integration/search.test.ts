/**
 * Search across a swarm of 10 real peers (`netswarm swarm --peers 10`, each peer its own
 * processes, real TCP, gRPC and LMDB): public files published on several peers are found from
 * every peer with the right providers; a file uploaded without `public` is never found; a file
 * published a moment ago is found at once; REST, tRPC (SSE) and the CLI agree.
 */
import assert from 'node:assert/strict'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { runCli, type SwarmPeer, startSwarm, testBytes } from './helpers/swarm.ts'

interface Result {
  cid: string
  name: string
  size: number
  tags: string[]
  providers: { peerId: string }[]
  matchedAll: boolean
  link: string
}

async function upload(
  peer: SwarmPeer,
  token: string,
  name: string,
  data: Buffer,
  query: Record<string, string> = {},
): Promise<{ cid: string; public: boolean }> {
  const params = new URLSearchParams({ name, ...query })
  const res = await fetch(`${peer.gatewayUrl}/api/v1/files?${params}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    body: data,
  })
  assert.equal(res.status, 201, await res.clone().text())
  return (await res.json()) as { cid: string; public: boolean }
}

async function search(peer: SwarmPeer, q: string): Promise<Result[]> {
  const res = await fetch(`${peer.gatewayUrl}/api/v1/search?${new URLSearchParams({ q })}`)
  assert.equal(res.status, 200, await res.clone().text())
  return ((await res.json()) as { results: Result[] }).results
}

test('10 peers: every peer finds every matching public file with its providers, never a private one', async (t) => {
  const swarm = await startSwarm(t, 10)
  const peers = swarm.peers
  const { token } = swarm
  const dir = await mkdtemp(join(tmpdir(), 'netswarm-search-'))
  t.after(() => rm(dir, { recursive: true, force: true }))

  // The same file (same name and bytes, so the same CID) published on two peers: two providers.
  const shared = testBytes(40_000, 1)
  const beachOn1 = await upload(peers[1], token, 'Sunset Beach.jpg', shared, { public: 'true', tags: 'summer,sea' })
  const beachOn6 = await upload(peers[6], token, 'Sunset Beach.jpg', shared, { public: 'true', tags: 'summer,sea' })
  assert.equal(beachOn1.cid, beachOn6.cid)
  assert.equal(beachOn1.public, true)
  const mountains = await upload(peers[3], token, 'sunset_over_the_mountains.png', testBytes(30_000, 2), {
    public: 'true',
  })
  // Accents and case do not matter: "Été" is found as "ete" and the other way round.
  const summer = await upload(peers[8], token, 'Été Sunset Playlist.mp3', testBytes(20_000, 3), {
    public: 'true',
    description: 'Songs for warm evenings',
  })
  // Uploaded without `public`: stored and shareable by link, never announced.
  const privateFile = await upload(peers[2], token, 'Sunset private notes.txt', testBytes(10_000, 4))
  assert.equal(privateFile.public, false)
  // A public file added with the CLI.
  await writeFile(join(dir, 'sunset-timelapse.mp4'), testBytes(25_000, 5))
  const added = await runCli(
    ['add', join(dir, 'sunset-timelapse.mp4'), '--public', '--tag', 'video', '--json', '-g', peers[9].gatewayUrl],
    { NETSWARM_TOKEN: token },
  )
  assert.equal(added.code, 0, added.stderr)
  const timelapse = JSON.parse(added.stdout.toString()) as { cid: string; public: boolean }
  assert.equal(timelapse.public, true)

  const publicCids = [beachOn1.cid, mountains.cid, summer.cid, timelapse.cid].sort()
  for (const peer of peers) {
    const results = await search(peer, 'sunset')
    assert.deepEqual(
      results.map((r) => r.cid).sort(),
      publicCids,
      `peer ${peer.peerId.slice(0, 12)} found ${results.map((r) => r.name).join(', ')}`,
    )
    assert.ok(!results.some((r) => r.cid === privateFile.cid), 'a private file was found')
    const beach = results.find((r) => r.cid === beachOn1.cid)
    assert.deepEqual(beach?.providers.map((p) => p.peerId).sort(), [peers[1].peerId, peers[6].peerId].sort())
    const mountain = results.find((r) => r.cid === mountains.cid)
    assert.deepEqual(
      mountain?.providers.map((p) => p.peerId),
      [peers[3].peerId],
    )
    // More providers rank first among equal matches.
    assert.equal(results[0].cid, beachOn1.cid)
  }

  // Two words, tags, accents and descriptions; the private file stays invisible to its own words.
  assert.deepEqual(
    (await search(peers[0], 'sunset SEA')).filter((r) => r.matchedAll).map((r) => r.cid),
    [beachOn1.cid],
  )
  assert.deepEqual(
    (await search(peers[4], 'ete')).map((r) => r.cid),
    [summer.cid],
  )
  assert.deepEqual(
    (await search(peers[5], 'warm evenings')).map((r) => r.cid),
    [summer.cid],
  )
  assert.deepEqual(await search(peers[7], 'private notes'), [])
  assert.deepEqual(await search(peers[2], 'notes'), [], 'not even the peer that holds it announces it')

  // Published a moment ago on a peer we are connected to: found by the very next query.
  const fresh = await upload(peers[4], token, 'Fresh Aurora Borealis.jpg', testBytes(15_000, 6), { public: 'true' })
  const started = performance.now()
  const found = await search(peers[0], 'aurora')
  assert.deepEqual(
    found.map((r) => r.cid),
    [fresh.cid],
  )
  assert.ok(performance.now() - started < 5000, 'the query ran into its deadline')

  // Results open in one click: the share link of a result serves the file from any peer.
  const body = await fetch(found[0].link.replace(peers[0].gatewayUrl, peers[7].gatewayUrl))
  assert.equal(body.status, 200)
  assert.ok(Buffer.from(await body.arrayBuffer()).equals(testBytes(15_000, 6)))

  // The CLI and the tRPC subscription (server-sent events) see the same.
  const cli = await runCli(['search', 'sunset', 'beach', '--json', '-g', peers[5].gatewayUrl])
  assert.equal(cli.code, 0, cli.stderr)
  const cliResults = JSON.parse(cli.stdout.toString()) as Result[]
  assert.equal(cliResults[0].cid, beachOn1.cid)
  const sse = await fetch(
    `${peers[2].gatewayUrl}/trpc/search.query?input=${encodeURIComponent(JSON.stringify({ q: 'mountains' }))}`,
  )
  assert.match(sse.headers.get('content-type') ?? '', /text\/event-stream/)
  const events = (await sse.text())
    .split('\n')
    .filter((l) => l.startsWith('data: ') && l.length > 'data: {}'.length)
    .map((l) => JSON.parse(l.slice(6)) as { type: string; result?: Result; count?: number })
  assert.equal(events.find((e) => e.type === 'result')?.result?.cid, mountains.cid)
  assert.deepEqual(events.at(-1), { type: 'done', count: 1 })

  // Bad queries get a clear typed error, and nobody crashes on them.
  for (const q of ['', '   ', 'a\tb', 'x'.repeat(300)]) {
    const res = await fetch(`${peers[0].gatewayUrl}/api/v1/search?${new URLSearchParams({ q })}`)
    assert.equal(res.status, 400, `query ${JSON.stringify(q)}`)
    const { error } = (await res.json()) as { error: { code: string; message: string } }
    assert.equal(error.code, 'INVALID_ARGUMENT')
    assert.match(error.message, /empty|control|limit/)
  }
  const bad = await runCli(['search', 'tab\there', '-g', peers[0].gatewayUrl])
  assert.equal(bad.code, 2)
  assert.match(bad.stderr, /control characters/)
  const badUpload = await fetch(`${peers[0].gatewayUrl}/api/v1/files?name=x&tags=a`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: 'x',
  })
  assert.equal(badUpload.status, 400)
  // The same query twice ranks the same way.
  const ranks = async () => (await search(peers[0], 'sunset beach')).map((r) => r.cid)
  assert.deepEqual(await ranks(), await ranks())
})
