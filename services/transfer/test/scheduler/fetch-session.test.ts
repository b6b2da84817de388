import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { Bitfield } from '../../src/scheduler/bitfield.ts'
import { type FetchCommand, FetchSession } from '../../src/scheduler/fetch-session.ts'
import { INITIAL_PIPELINE_DEPTH, MAX_PIPELINE_DEPTH } from '../../src/scheduler/pipeline.ts'
import { requestsByPeer, runSim, uniformChunks } from './sim-harness.ts'

const MBIT = 125 // bytes per millisecond in one Mbit/s
const CHUNK = 256 * 1024

function requests(commands: FetchCommand[]): Array<{ peer: string; chunk: number }> {
  return commands.flatMap((c) => (c.type === 'request-chunk' ? [{ peer: c.peer, chunk: c.chunk }] : []))
}

describe('FetchSession', () => {
  test('a lying peer is dropped after maxStrikes bad chunks and its chunks are fetched from honest peers', () => {
    const result = runSim({
      init: { chunkSizes: uniformChunks(64, CHUNK), maxStrikes: 3, seed: 7 },
      peers: [
        { id: 'liar', bytesPerMs: 400 * MBIT, rttMs: 2, lies: (c) => c % 2 === 0 },
        { id: 'honest-a', bytesPerMs: 100 * MBIT, rttMs: 2 },
        { id: 'honest-b', bytesPerMs: 100 * MBIT, rttMs: 2 },
      ],
    })
    assert.ok(result.finishedAt !== undefined, 'download completes')
    assert.equal(result.session.chunksMissing, 0)
    const drops = result.commands.filter((c) => c.command.type === 'drop-peer')
    assert.deepEqual(
      drops.map((d) => d.command),
      [{ type: 'drop-peer', peer: 'liar', reason: 'bad-chunks' }],
    )
    assert.equal(result.session.peer('liar')?.strikes, 3)
    assert.equal(result.session.verificationFailures, 3)
    // No chunk the liar lied about was ever accepted from it.
    for (const { peer, chunk } of result.accepted) assert.ok(!(peer === 'liar' && chunk % 2 === 0))
    // Every chunk it lied about was then fetched from an honest peer.
    const lied = result.events.flatMap((e) => (e.type === 'chunk-received' && !e.verified ? [e.chunk] : []))
    for (const chunk of lied) {
      assert.ok(
        result.accepted.some((a) => a.chunk === chunk && a.peer.startsWith('honest')),
        `chunk ${chunk}`,
      )
    }
    // After the drop, nothing more is asked of the liar.
    const dropIndex = result.commands.findIndex((c) => c.command.type === 'drop-peer')
    assert.ok(
      !result.commands.slice(dropIndex).some((c) => c.command.type === 'request-chunk' && c.command.peer === 'liar'),
    )
  })

  test('a banned peer that is found again is dropped at once', () => {
    const session = new FetchSession({ chunkSizes: uniformChunks(4, 10), maxStrikes: 1 })
    session.advance({ type: 'peer-found', peer: 'liar', now: 0 })
    const sent = requests(session.advance({ type: 'bitfield', peer: 'liar', has: 'all', now: 0 }))
    const out = session.advance({
      type: 'chunk-received',
      peer: 'liar',
      chunk: sent[0].chunk,
      bytes: 10,
      verified: false,
      now: 1,
    })
    // Nobody else can serve the file now, so the session also asks for more peers.
    assert.deepEqual(out, [{ type: 'drop-peer', peer: 'liar', reason: 'bad-chunks' }, { type: 'find-more-peers' }])
    assert.deepEqual(session.advance({ type: 'peer-found', peer: 'liar', now: 2 }), [
      { type: 'drop-peer', peer: 'liar', reason: 'bad-chunks' },
    ])
  })

  test("a disconnected peer's outstanding requests move to the other peers", () => {
    const result = runSim({
      init: { chunkSizes: uniformChunks(100, CHUNK), seed: 3 },
      peers: [
        { id: 'a', bytesPerMs: 100 * MBIT, rttMs: 4, disconnectAt: 60 },
        { id: 'b', bytesPerMs: 100 * MBIT, rttMs: 4 },
        { id: 'c', bytesPerMs: 100 * MBIT, rttMs: 4 },
      ],
    })
    assert.ok(result.finishedAt !== undefined)
    const disconnect = result.events.findIndex((e) => e.type === 'peer-disconnected')
    assert.ok(disconnect > 0)
    // Chunks requested from `a` but not delivered before it left were all fetched from b or c.
    const askedOfA = new Set(
      result.commands.flatMap((c) =>
        c.command.type === 'request-chunk' && c.command.peer === 'a' ? [c.command.chunk] : [],
      ),
    )
    const fromA = new Set(result.accepted.filter((x) => x.peer === 'a').map((x) => x.chunk))
    const lost = [...askedOfA].filter((c) => !fromA.has(c))
    assert.ok(lost.length > 0, 'a had requests in flight when it left')
    for (const chunk of lost) assert.ok(result.accepted.some((x) => x.chunk === chunk && x.peer !== 'a'))
    // Bytes received before the disconnect are kept: a's chunks are not fetched again.
    for (const chunk of fromA) assert.equal(result.accepted.filter((x) => x.chunk === chunk).length, 1)
  })

  test('a slow peer gets far fewer requests than a fast one', () => {
    const result = runSim({
      init: { chunkSizes: uniformChunks(200, CHUNK), seed: 11 },
      peers: [
        { id: 'fast', bytesPerMs: 400 * MBIT, rttMs: 2 },
        { id: 'slow', bytesPerMs: 10 * MBIT, rttMs: 2 },
      ],
    })
    assert.ok(result.finishedAt !== undefined)
    const counts = requestsByPeer(result)
    const fast = counts.get('fast') ?? 0
    const slow = counts.get('slow') ?? 0
    assert.ok(fast > 10 * slow, `fast ${fast} slow ${slow}`)
  })

  test('picks the rarest chunk first', () => {
    const session = new FetchSession({ chunkSizes: uniformChunks(8, 100), seed: 1 })
    const field = (chunks: number[]) => {
      const f = new Bitfield(8)
      for (const c of chunks) f.set(c)
      return f
    }
    for (const p of ['a', 'b', 'c']) session.advance({ type: 'peer-found', peer: p, now: 0 })
    // c has 0-2 and b has 0-5: b takes what only it can serve (3-5, as deep as its pipeline goes).
    // Then a, a seeder, arrives: chunks 6 and 7 (availability 1) must come before 3-5 (availability 2).
    session.advance({ type: 'bitfield', peer: 'c', has: field([0, 1, 2]), now: 0 })
    const fromB = requests(session.advance({ type: 'bitfield', peer: 'b', has: field([0, 1, 2, 3, 4, 5]), now: 0 }))
    assert.equal(fromB.length, INITIAL_PIPELINE_DEPTH)
    for (const r of fromB) assert.ok([3, 4, 5].includes(r.chunk), `b asked for chunk ${r.chunk}`)
    const fromA = requests(session.advance({ type: 'bitfield', peer: 'a', has: 'all', now: 0 }))
    assert.deepEqual(
      fromA
        .slice(0, 2)
        .map((r) => r.chunk)
        .sort(),
      [6, 7],
    )
  })

  test('endgame duplicates the last chunks on idle peers, then cancels the losers', () => {
    const result = runSim({
      init: { chunkSizes: uniformChunks(40, CHUNK), seed: 5 },
      peers: [
        { id: 'fast', bytesPerMs: 400 * MBIT, rttMs: 2 },
        { id: 'crawl', bytesPerMs: 2 * MBIT, rttMs: 2 },
      ],
    })
    assert.ok(result.finishedAt !== undefined)
    const asked = new Map<number, Set<string>>()
    for (const { command } of result.commands) {
      if (command.type !== 'request-chunk') continue
      if (!asked.has(command.chunk)) asked.set(command.chunk, new Set())
      asked.get(command.chunk)?.add(command.peer)
    }
    const duplicated = [...asked].filter(([, peers]) => peers.size > 1).map(([chunk]) => chunk)
    assert.ok(duplicated.length > 0, 'some chunk was requested from both peers')
    const cancels = result.commands.filter((c) => c.command.type === 'cancel-request')
    assert.ok(cancels.some((c) => c.command.type === 'cancel-request' && c.command.peer === 'crawl'))
    // Every chunk was accepted exactly once.
    assert.equal(new Set(result.accepted.map((a) => a.chunk)).size, 40)
    assert.equal(result.accepted.length, 40)
    // The crawl peer did not hold the download back: far faster than crawl alone would need for its share.
    const crawlAlone = (40 * CHUNK) / (2 * MBIT)
    assert.ok((result.finishedAt ?? 0) < crawlAlone / 5)
  })

  test('never more requests outstanding on a peer than its pipeline depth', () => {
    const result = runSim({
      init: { chunkSizes: uniformChunks(300, CHUNK), seed: 9 },
      peers: [
        { id: 'a', bytesPerMs: 400 * MBIT, rttMs: 40 },
        { id: 'b', bytesPerMs: 50 * MBIT, rttMs: 10 },
        { id: 'c', bytesPerMs: 1000 * MBIT, rttMs: 0.2 },
      ],
    })
    assert.ok(result.finishedAt !== undefined)
    assert.deepEqual(result.violations, [])
    for (const view of result.session.peers()) assert.ok(view.pipelineDepth <= MAX_PIPELINE_DEPTH)
    // The high-BDP peer earned a deeper pipeline than the low-BDP one.
    const a = result.session.peer('a')
    const c = result.session.peer('c')
    assert.ok(a && c && a.pipelineDepth > c.pipelineDepth, `${a?.pipelineDepth} vs ${c?.pipelineDepth}`)
  })

  test('chunks already held locally are never requested (resume)', () => {
    const have = new Bitfield(50)
    for (let i = 0; i < 50; i += 2) have.set(i)
    const result = runSim({
      init: { chunkSizes: uniformChunks(50, CHUNK), have, seed: 2 },
      peers: [{ id: 'a', bytesPerMs: 100 * MBIT, rttMs: 2 }],
    })
    assert.ok(result.finishedAt !== undefined)
    const asked = result.commands.flatMap((c) => (c.command.type === 'request-chunk' ? [c.command.chunk] : []))
    assert.equal(asked.length, 25)
    assert.ok(asked.every((c) => c % 2 === 1))
  })

  test('a stalled peer is dropped after its requests time out and the others finish the file', () => {
    const result = runSim({
      init: { chunkSizes: uniformChunks(60, CHUNK), seed: 4, minRequestTimeoutMs: 500 },
      peers: [
        { id: 'staller', bytesPerMs: 400 * MBIT, rttMs: 2, stallAfter: 5 },
        { id: 'ok', bytesPerMs: 100 * MBIT, rttMs: 2 },
      ],
    })
    assert.ok(result.finishedAt !== undefined)
    assert.ok(
      result.commands.some(
        (c) => c.command.type === 'drop-peer' && c.command.peer === 'staller' && c.command.reason === 'stalled',
      ),
    )
  })

  test('asks for more peers when no peer is left, and finishes with a late joiner', () => {
    const result = runSim({
      init: { chunkSizes: uniformChunks(20, CHUNK), seed: 8, findPeersIntervalMs: 1000 },
      peers: [
        { id: 'early', bytesPerMs: 50 * MBIT, rttMs: 2, disconnectAt: 100 },
        { id: 'late', bytesPerMs: 50 * MBIT, rttMs: 2, joinAt: 3000 },
      ],
    })
    assert.ok(result.finishedAt !== undefined)
    const finds = result.commands.filter((c) => c.command.type === 'find-more-peers')
    assert.ok(finds.length >= 2, `find-more-peers ${finds.length}`)
    // Rate-limited: no two within the interval.
    for (let i = 1; i < finds.length; i++) assert.ok(finds[i].at - finds[i - 1].at >= 1000)
  })

  test('uses heterogeneous peers within 1.25x of the ideal time (400/200/50/10 Mbit/s)', () => {
    const bandwidths = [400, 200, 50, 10]
    const chunks = 256 // 64 MiB in 256 KiB chunks
    const result = runSim({
      init: { chunkSizes: uniformChunks(chunks, CHUNK), seed: 12 },
      peers: bandwidths.map((mbit, i) => ({ id: `p${mbit}`, bytesPerMs: mbit * MBIT, rttMs: 1 + i })),
    })
    const ideal = (chunks * CHUNK) / (bandwidths.reduce((a, b) => a + b, 0) * MBIT)
    const finished = result.finishedAt ?? Number.POSITIVE_INFINITY
    assert.ok(finished <= ideal * 1.25, `finished in ${finished.toFixed(0)} ms, ideal ${ideal.toFixed(0)} ms`)
  })

  test('the same seed gives the same commands', () => {
    const run = () =>
      runSim({
        init: { chunkSizes: uniformChunks(50, CHUNK), seed: 42 },
        peers: [
          { id: 'a', bytesPerMs: 100 * MBIT, rttMs: 3 },
          { id: 'b', bytesPerMs: 60 * MBIT, rttMs: 5 },
        ],
      }).commands
    assert.deepEqual(run(), run())
  })

  test('while storage is busy no request goes out; afterwards the pipelines refill', () => {
    const session = new FetchSession({ chunkSizes: uniformChunks(10, 100), seed: 1 })
    session.advance({ type: 'peer-found', peer: 'a', now: 0 })
    session.advance({ type: 'storage-busy', busy: true, now: 0 })
    assert.deepEqual(requests(session.advance({ type: 'bitfield', peer: 'a', has: 'all', now: 0 })), [])
    assert.deepEqual(requests(session.advance({ type: 'tick', now: 100 })), [])
    const resumed = requests(session.advance({ type: 'storage-busy', busy: false, now: 200 }))
    assert.equal(resumed.length, session.peer('a')?.pipelineDepth)
  })

  test('a file of zero chunks is done at once', () => {
    const session = new FetchSession({ chunkSizes: [] })
    assert.deepEqual(session.advance({ type: 'tick', now: 0 }), [{ type: 'done' }])
    assert.deepEqual(session.advance({ type: 'tick', now: 1 }), [])
  })
})
