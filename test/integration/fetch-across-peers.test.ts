import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { runCli, startSwarm, testBytes } from './helpers/swarm.ts'

/** Reads a server-sent-events response to its end and returns the `data:` payloads (JSON). */
async function sseEvents<T>(url: string, headers: Record<string, string>): Promise<T[]> {
  const res = await fetch(url, { headers })
  assert.equal(res.status, 200)
  assert.match(res.headers.get('content-type') ?? '', /text\/event-stream/)
  const text = await res.text()
  return text
    .split('\n')
    .filter((line) => line.startsWith('data: ') && line.length > 'data: {}'.length)
    .map((line) => JSON.parse(line.slice('data: '.length)) as T)
}

describe('add on one peer, fetch on another, through the swarm', () => {
  test('netswarm add on A, netswarm fetch on C, GET /f/<cid> on B with and without Range', async (t) => {
    const swarm = await startSwarm(t, 3)
    const [a, b, c] = swarm.peers
    const dir = await mkdtemp(join(tmpdir(), 'netswarm-e2e-'))
    t.after(() => rm(dir, { recursive: true, force: true }))
    const data = testBytes(6 * 1024 * 1024 + 12_345, 42)
    await writeFile(join(dir, 'holiday video.mp4'), data)

    const added = await runCli(['add', join(dir, 'holiday video.mp4'), '--json', '-g', a.gatewayUrl], {
      NETSWARM_TOKEN: swarm.token,
    })
    assert.equal(added.code, 0, added.stderr)
    const { cid, link } = JSON.parse(added.stdout.toString()) as { cid: string; link: string }
    assert.equal(link, `${a.gatewayUrl}/f/${cid}`)

    // No static peer list: C learns from the DHT that A provides the file, and where A's transfer
    // service listens (the `transfer=` address A's DHT advertises once its transfer port is bound).
    const info = await fetch(`${c.gatewayUrl}/api/v1/files/${cid}`)
    assert.equal(info.status, 200)
    const { providers } = (await info.json()) as { providers: { peerId: string; addresses: string[] }[] }
    const fromA = providers.find((p) => p.peerId === a.peerId)
    assert.ok(fromA, `peer C's DHT lookup did not find peer A among ${JSON.stringify(providers)}`)
    assert.ok(
      fromA.addresses.includes(`transfer=${a.transferAddress}`),
      `A's addresses ${fromA.addresses.join(' ')} lack transfer=${a.transferAddress}`,
    )

    const out = join(dir, 'fetched.mp4')
    const fetched = await runCli(['fetch', `netswarm://${cid}`, '-o', out, '-g', c.gatewayUrl])
    assert.equal(fetched.code, 0, fetched.stderr)
    assert.match(fetched.stdout.toString(), /verified/)
    assert.ok((await readFile(out)).equals(data), 'fetched bytes differ')

    // The console's live fetch: tRPC subscription over SSE on peer B, progress until done.
    const events = await sseEvents<{ state: string; bytesReceived: number; bytesTotal: number }>(
      `${b.gatewayUrl}/trpc/transfers.fetch?input=${encodeURIComponent(JSON.stringify({ cid, pin: true }))}`,
      { authorization: `Bearer ${swarm.token}` },
    )
    assert.ok(events.length > 0)
    const last = events[events.length - 1]
    assert.equal(last.state, 'done')
    assert.equal(last.bytesTotal, data.length)

    const range = await fetch(`${b.gatewayUrl}/f/${cid}`, { headers: { range: 'bytes=5000000-5999999' } })
    assert.equal(range.status, 206)
    assert.equal(range.headers.get('content-range'), `bytes 5000000-5999999/${data.length}`)
    assert.ok(Buffer.from(await range.arrayBuffer()).equals(data.subarray(5_000_000, 6_000_000)))

    const whole = await fetch(`${b.gatewayUrl}/f/${cid}`)
    assert.equal(whole.status, 200)
    assert.equal(whole.headers.get('etag'), `"${cid}"`)
    assert.equal(whole.headers.get('content-type'), 'video/mp4')
    assert.equal(whole.headers.get('content-disposition'), 'inline; filename="holiday video.mp4"')
    assert.ok(Buffer.from(await whole.arrayBuffer()).equals(data), 'share-link bytes differ')
  })

  test('a share link on a peer without the file starts sending before its download finishes', async (t) => {
    const swarm = await startSwarm(t, 2)
    const [a, b] = swarm.peers
    const data = testBytes(48 * 1024 * 1024, 7)
    const up = await fetch(`${a.gatewayUrl}/api/v1/files?name=big.bin`, {
      method: 'POST',
      headers: { authorization: `Bearer ${swarm.token}` },
      body: data,
    })
    assert.equal(up.status, 201)
    const { cid } = (await up.json()) as { cid: string }

    const res = await fetch(`${b.gatewayUrl}/f/${cid}`)
    assert.equal(res.status, 200)
    const reader = res.body!.getReader()
    const first = await reader.read()
    const firstByteAt = Date.now()
    assert.ok(first.value && first.value.byteLength > 0)
    let received = first.value.byteLength
    const parts = [Buffer.from(first.value)]
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      parts.push(Buffer.from(r.value))
      received += r.value.byteLength
    }
    assert.equal(received, data.length)
    assert.ok(Buffer.concat(parts).equals(data))
    // Ordering, not speed: the first byte reached us before peer B's transfer had finished.
    const { transfers } = (await (await fetch(`${b.gatewayUrl}/api/v1/transfers?all=1`)).json()) as {
      transfers: { cid: string; state: string; finishedAtMs: number }[]
    }
    const mine = transfers.find((x) => x.cid === cid)
    assert.ok(mine, `peer B lists no transfer of ${cid}`)
    assert.equal(mine.state, 'done')
    assert.ok(
      firstByteAt < mine.finishedAtMs,
      `first byte at ${firstByteAt}, download finished at ${mine.finishedAtMs}`,
    )
  })
})
