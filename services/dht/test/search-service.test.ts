/**
 * Search through three DHT services in one process (real wire sessions on 127.0.0.1, real gRPC):
 * the typed client's publishSearchEntry, search and unpublishSearchEntry, and the search metrics
 * each service exports on /metrics, refused entries included.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { generateIdentity } from '@netswarm/identity'
import { connect } from '@netswarm/wire'
import { type DhtClient, type DhtService, signEntry } from '../src/index.ts'
import { decodeResponse, encodeRequest } from '../src/rpc/codec.ts'
import { type LocalServices, startLocalServices } from './helpers/local-services.ts'

const trip = {
  cid: 'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy',
  name: 'Trip to Norway.jpg',
  mediaType: 'image/jpeg',
  size: 123_456,
  tags: ['fjord'],
  description: 'Summer 2026',
}

let local: LocalServices
let services: DhtService[]
let clients: DhtClient[]

before(async () => {
  local = await startLocalServices(3)
  ;({ services, clients } = local)
})

after(() => local.stop())

/** The value of one sample of `/metrics`, undefined when no sample has these labels. */
async function metric(
  service: DhtService,
  name: string,
  labels: Record<string, string> = {},
): Promise<number | undefined> {
  const body = await (await fetch(`http://127.0.0.1:${service.metricsPort}/metrics`)).text()
  for (const line of body.split('\n')) {
    const m = /^(\w+)(?:\{(.*)\})? (\S+)$/.exec(line)
    if (m?.[1] !== name) continue
    if (Object.entries(labels).every(([k, v]) => (m[2] ?? '').split(',').includes(`${k}="${v}"`))) return Number(m[3])
  }
  return undefined
}

test('publish, search and unpublish through the typed client; the metrics follow', async () => {
  const publishedBy = (await clients[0].routingTable()).selfPeerId
  const published = await clients[0].publishSearchEntry(trip)
  assert.ok(published.keywords >= 3, `keywords: ${published.keywords}`)
  // Every keyword is stored on both other peers.
  assert.equal(published.storedOn, 2 * published.keywords)
  assert.equal(await metric(services[1], 'netswarm_dht_search_entries'), published.keywords)
  assert.equal(
    await metric(services[1], 'netswarm_dht_search_requests_total', { type: 'store_entry' }),
    published.keywords,
  )

  const found = []
  for await (const r of clients[2].search('norway fjord')) found.push(r)
  assert.ok(found.length >= 1)
  const hit = found.at(-1)
  assert.ok(hit)
  const { providers, score, ...fields } = hit
  assert.deepEqual(fields, { ...trip, matchedAll: true, wordsMatched: 2, wordsInName: 1 })
  assert.deepEqual(
    providers.map((p) => p.peerId),
    [publishedBy],
  )
  assert.ok(score > 0)
  const none = []
  for await (const r of clients[2].search('zanzibar', { limit: 5, timeoutMs: 2000 })) none.push(r)
  assert.deepEqual(none, [])
  await assert.rejects(clients[2].search('')[Symbol.asyncIterator]().next(), { code: 'INVALID_ARGUMENT' })

  const c = services[2]
  assert.equal(await metric(c, 'netswarm_dht_search_queries_total', { outcome: 'results' }), 1)
  assert.equal(await metric(c, 'netswarm_dht_search_queries_total', { outcome: 'empty' }), 1)
  assert.equal(await metric(c, 'netswarm_dht_search_queries_total', { outcome: 'invalid' }), 1)
  assert.equal(await metric(c, 'netswarm_dht_search_duration_seconds_count', { phase: 'first_result' }), 1)
  assert.equal(await metric(c, 'netswarm_dht_search_duration_seconds_count', { phase: 'complete' }), 2)
  assert.equal(await metric(c, 'netswarm_dht_search_results_count'), 2)
  assert.equal(await metric(c, 'netswarm_dht_search_results_sum'), 1)
  // The connected peers were asked for their own files; A answered with the one it publishes.
  assert.ok(((await metric(services[0], 'netswarm_dht_search_requests_total', { type: 'search_local' })) ?? 0) >= 2)

  assert.equal(await clients[0].unpublishSearchEntry(trip.cid), true)
  assert.equal(await clients[0].unpublishSearchEntry(trip.cid), false)
  assert.equal(await metric(services[1], 'netswarm_dht_search_entries'), 0)
  const gone = []
  for await (const r of clients[2].search('norway')) gone.push(r)
  assert.deepEqual(gone, [])
  await assert.rejects(clients[0].unpublishSearchEntry(''), { code: 'INVALID_ARGUMENT' })
  await assert.rejects(clients[0].publishSearchEntry({ ...trip, name: '' }), { code: 'INVALID_ARGUMENT' })
})

test('an aborted signal cancels a search call', async () => {
  const aborted = AbortSignal.abort()
  await assert.rejects(clients[1].search('norway', { signal: aborted })[Symbol.asyncIterator]().next(), {
    code: 'CANCELLED',
  })
  await assert.rejects(clients[1].publishSearchEntry(trip, { signal: aborted }), { code: 'CANCELLED' })
})

test('entries refused by a storing peer are counted by reason', async () => {
  const b = services[1]
  const liar = generateIdentity()
  const [host, port] = b.wireAddress.split(':')
  const session = await connect({ identity: liar, host, port: Number(port) })
  const store = async (keyword: string, entry: ReturnType<typeof signEntry>) =>
    decodeResponse(
      await session.request(encodeRequest({ sender: [], request: { type: 'STORE_ENTRY', keyword, entry } })),
    )
  try {
    const entry = signEntry(liar, { ...trip, cid: 'bafkreiliar' }, Date.now())
    const forged = await store('norway', { ...entry, name: 'Trip to Norway and Iceland.jpg' })
    assert.equal(forged.type === 'ERROR' && forged.code, 'INVALID_RECORD')
    const unrelated = await store('bargain', entry)
    assert.equal(unrelated.type === 'ERROR' && unrelated.code, 'INVALID_RECORD')
  } finally {
    await session.close()
  }
  const refused = (reason: string) => metric(b, 'netswarm_dht_search_entries_refused_total', { reason })
  assert.equal(await refused('bad-signature'), 1)
  assert.equal(await refused('keyword-mismatch'), 1)
  // The first test's entries, from their publisher itself, were all taken.
  assert.equal(await refused('not-publisher'), undefined)
  assert.equal(await metric(b, 'netswarm_dht_search_entries'), 0)
})
