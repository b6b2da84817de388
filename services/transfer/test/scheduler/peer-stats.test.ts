import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import { type FetchCommand, FetchSession } from '../../src/scheduler/fetch-session.ts'
import { PeerStats, WindowedRate } from '../../src/scheduler/peer-stats.ts'

const W = 2000

/**
 * A link of `rate` bytes/ms serving chunks back to back from `t0`: chunk i is complete at
 * `c_i = t0 + (bytes up to and including i) / rate`. The process sees it at `c_i + delay_i`
 * (event-loop stalls), in order, several at the same instant when a stall ends.
 */
function deliveries(t0: number, rate: number, sizes: number[], delays: number[]) {
  let done = t0
  let last = Number.NEGATIVE_INFINITY
  return sizes.map((bytes, i) => {
    done += bytes / rate
    last = Math.max(last, done + delays[i % delays.length])
    return { bytes, at: last }
  })
}

const linkCase = fc.record({
  rate: fc.double({ min: 1, max: 2000, noNaN: true }),
  sizes: fc.array(fc.integer({ min: 1, max: 1 << 20 }), { minLength: 1, maxLength: 80 }),
  delays: fc.array(fc.double({ min: 0, max: 300, noNaN: true }), { minLength: 1, maxLength: 80 }),
  probes: fc.array(fc.double({ min: 0, max: 3 * W, noNaN: true }), { maxLength: 5 }),
})

describe('WindowedRate', () => {
  test('bursts cannot inflate it: never above rate + (rate x max delay + largest chunk) / window', () => {
    fc.assert(
      fc.property(linkCase, ({ rate, sizes, delays, probes }) => {
        const w = new WindowedRate(W)
        w.busy(0)
        const maxDelay = Math.max(...delays)
        const bound = rate + (rate * maxDelay + Math.max(...sizes)) / W
        for (const d of deliveries(0, rate, sizes, delays)) {
          w.add(d.bytes, 0, d.at)
          for (const extra of [0, ...probes]) {
            const measured = w.at(d.at + extra) ?? 0
            assert.ok(measured <= bound * (1 + 1e-9), `measured ${measured} > bound ${bound} (rate ${rate})`)
          }
        }
      }),
    )
  })

  test('while the window still reaches the first request, it never exceeds the link rate', () => {
    fc.assert(
      fc.property(linkCase, ({ rate, sizes, delays }) => {
        const w = new WindowedRate(W)
        w.busy(0)
        for (const d of deliveries(0, rate, sizes, delays)) {
          w.add(d.bytes, 0, d.at)
          if (d.at <= W) assert.ok((w.at(d.at) ?? 0) <= rate * (1 + 1e-9))
        }
      }),
    )
  })

  test('steady delivery is measured within one chunk per window of the link rate', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 2000, noNaN: true }),
        fc.integer({ min: 1000, max: 1 << 20 }),
        fc.integer({ min: 1, max: 200 }),
        (rate, chunk, n) => {
          const w = new WindowedRate(W)
          w.busy(0)
          for (const d of deliveries(0, rate, new Array(n).fill(chunk), [0])) {
            w.add(d.bytes, 0, d.at)
            const measured = w.at(d.at) ?? 0
            const span = Math.min(W, d.at)
            assert.ok(Math.abs(measured - rate) <= chunk / span + 1e-9 * rate, `measured ${measured} rate ${rate}`)
          }
        },
      ),
    )
  })

  test('idle time does not count: the rate is kept while idle and the next busy period is measured afresh', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 2000, noNaN: true }),
        fc.double({ min: 1, max: 10 * W, noNaN: true }),
        (rate, gap) => {
          const w = new WindowedRate(W)
          w.busy(0)
          const chunk = rate * 10
          const first = deliveries(0, rate, new Array(20).fill(chunk), [0])
          for (const d of first) w.add(d.bytes, 0, d.at)
          const end = first[first.length - 1].at
          const before = w.at(end)
          w.idle(end)
          assert.equal(w.at(end + gap), before)
          // A second busy period at half the rate, after the gap.
          const again = end + gap
          w.busy(again)
          const second = deliveries(again, rate / 2, new Array(5).fill(chunk), [0])
          for (const d of second) w.add(d.bytes, again, d.at)
          const measured = w.at(second[second.length - 1].at) ?? 0
          assert.ok(Math.abs(measured - rate / 2) < 1e-6 * rate, `measured ${measured}, want ${rate / 2}`)
        },
      ),
    )
  })

  test('a busy peer that delivers nothing for a whole window reads zero', () => {
    const w = new WindowedRate(W)
    w.busy(0)
    w.add(1000, 0, 10)
    assert.ok((w.at(10) ?? 0) > 0)
    assert.equal(w.at(10 + W), 0)
  })

  test('chunks held back by a stall and delivered at once do not read as a fast link', () => {
    // 10 bytes/ms, 1000-byte chunks every 100 ms; a 300 ms stall releases three chunks together.
    const w = new WindowedRate(W)
    w.busy(0)
    for (const at of [100, 200, 300, 400, 500]) w.add(1000, 0, at)
    for (let i = 0; i < 3; i++) w.add(1000, 0, 800)
    // A per-chunk rate would see 1000 bytes in ~0 ms here; the window sees 8000 bytes in 800 ms.
    assert.equal(w.at(800), 10)
  })

  test('capacity measures the link while a short pipeline over a long RTT delivers less', () => {
    // 50 bytes/ms link, 40 ms RTT, 4 requests of 500 bytes in flight (10 ms each on the link).
    const stats = new PeerStats(W)
    stats.onRtt(40)
    let sent = [0, 0, 0, 0]
    let t = 0
    stats.onRequest(0, true)
    for (let round = 0; round < 20; round++) {
      const start = t
      const arrivals = sent.map((_, i) => start + 40 + 10 * (i + 1))
      const next: number[] = []
      sent.forEach((s, i) => {
        stats.onChunk(500, s, arrivals[i], false)
        next.push(arrivals[i])
      })
      sent = next
      t = arrivals[0]
    }
    const delivered = stats.bytesPerMs(t) ?? 0
    const link = stats.linkBytesPerMs(t) ?? 0
    assert.ok(delivered < 45, `delivered ${delivered}`)
    assert.ok(Math.abs(link - 50) < 1, `link ${link}`)
  })

  test('capacity is not raised by chunks released together after a stall', () => {
    const w = new WindowedRate(W)
    w.busy(0)
    // 10 bytes/ms link, every request queued (sent at 0, RTT 0); a stall releases three chunks at 800.
    for (const at of [100, 200, 300, 400, 500]) w.add(1000, 0, at)
    for (let i = 0; i < 3; i++) w.add(1000, 0, 800)
    assert.ok((w.capacity(800) ?? 0) <= 10, `capacity ${w.capacity(800)}`)
  })

  test('stats start unmeasured and the RTT of an idle request excludes its transfer time', () => {
    const stats = new PeerStats(W)
    assert.equal(stats.bytesPerMs(0), undefined)
    stats.onRequest(0, true)
    stats.onChunk(1000, 0, 10, true)
    assert.equal(stats.bytesPerMs(10), 100)
    // 10 ms total, of which 1000 / 100 = 10 ms transfer: RTT floors at the minimum sample.
    assert.ok(stats.rttMs < 1)
  })
})

describe('the scheduler ranks sources by their windowed rate', () => {
  test('a peer whose chunks come in bursts is ranked below a steadier, faster one', () => {
    const sizes = new Array(400).fill(10_000)
    const session = new FetchSession({ chunkSizes: sizes, seed: 3 })
    const requested = new Map<string, number[]>()
    const note = (commands: FetchCommand[]) => {
      for (const c of commands) if (c.type === 'request-chunk') requested.get(c.peer)?.push(c.chunk)
    }
    for (const peer of ['steady', 'bursty']) {
      requested.set(peer, [])
      note(session.advance({ type: 'peer-found', peer, now: 0 }))
      note(session.advance({ type: 'bitfield', peer, has: 'all', now: 0 }))
    }
    // Pause new requests: the pipelines drain, each peer's rate is what it delivered.
    note(session.advance({ type: 'storage-busy', busy: true, now: 0 }))
    const deliver = (peer: string, at: number) => {
      const chunk = requested.get(peer)?.shift()
      assert.ok(chunk !== undefined, `${peer} has a request in flight`)
      note(session.advance({ type: 'chunk-received', peer, chunk, bytes: 10_000, verified: true, now: at }))
    }
    // steady: one chunk every 10 ms (1000 bytes/ms). bursty: nothing for 79 ms, then all its
    // chunks within 1 ms (an EWMA of per-chunk rates would put it far above steady).
    const depth = requested.get('steady')?.length ?? 0
    assert.equal(requested.get('bursty')?.length, depth)
    for (let i = 1; i <= depth; i++) deliver('steady', 10 * i)
    for (let i = 0; i < depth; i++) deliver('bursty', 79 + i * 0.25)
    const steadyRate = session.peer('steady')?.bytesPerMs ?? 0
    const burstyRate = session.peer('bursty')?.bytesPerMs ?? 0
    assert.ok(steadyRate > burstyRate, `steady ${steadyRate} bursty ${burstyRate}`)
    assert.ok(burstyRate <= (depth * 10_000) / 79 + 1e-9)
    // Requests resume: the faster peer is served first.
    const out = session.advance({ type: 'storage-busy', busy: false, now: 100 })
    const first = out.find((c) => c.type === 'request-chunk')
    assert.equal(first?.type === 'request-chunk' ? first.peer : undefined, 'steady')
  })
})
