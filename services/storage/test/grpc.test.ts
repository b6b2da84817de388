import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { chunkCid } from '@netswarm/content'
import { checkHealth, NetSwarmError } from '@netswarm/runtime'
import { collect, fileBytes, makeChunks, makeFile, startService } from './helpers.ts'

const rejectsWith = (code: string) => (err: unknown) => err instanceof NetSwarmError && err.code === code

describe('storage gRPC service', () => {
  test('puts, gets and answers has for chunks over a real gRPC server', async (t) => {
    const { service, client } = await startService(t)
    assert.equal(await checkHealth(service.grpcAddress), 'SERVING')
    const chunks = makeChunks(40, 8192)
    const acks: string[] = []
    const put = await client.putChunks(chunks, { onAck: (cid) => acks.push(cid) })
    assert.deepEqual(put, { acknowledged: 40, created: 40 })
    assert.deepEqual(
      acks,
      chunks.map((c) => c.cid.toString()),
    )
    const again = await client.putChunks(chunks.slice(0, 5))
    assert.deepEqual(again, { acknowledged: 5, created: 0 }, 'putting twice is harmless')

    const got = []
    for await (const chunk of client.getChunks([chunks[3].cid, chunks[7].cid])) got.push(chunk)
    assert.equal(got.length, 2)
    assert.deepEqual(Buffer.from(got[0].bytes ?? []), Buffer.from(chunks[3].bytes))
    assert.deepEqual(Buffer.from(got[1].bytes ?? []), Buffer.from(chunks[7].bytes))

    const absent = makeChunks(1)[0].cid
    const missingParts = []
    for await (const chunk of client.getChunks([absent])) missingParts.push(chunk)
    const [missing] = missingParts
    assert.equal(missing.bytes, undefined)

    const many = [...chunks.map((c) => c.cid), ...makeChunks(3000, 16).map((c) => c.cid)]
    const present = await client.hasChunks(many)
    assert.equal(present.length, 3040)
    assert.equal(present.filter(Boolean).length, 40)
    assert.ok(present.slice(0, 40).every(Boolean))

    const stats = await client.stats()
    assert.equal(stats.chunksStored, 40)
    assert.equal(stats.bytesStored, 40 * 8192)
  })

  test('refuses a chunk whose bytes do not match its CID, keeping earlier acknowledged chunks', async (t) => {
    const { client } = await startService(t)
    const good = makeChunks(3)
    const bad = { cid: chunkCid(Buffer.from('something else')), bytes: Buffer.from('tampered bytes') }
    await assert.rejects(client.putChunks([...good, bad]), rejectsWith('INTEGRITY'))
    const present = await client.hasChunks([...good.map((c) => c.cid), bad.cid])
    assert.equal(present[3], false, 'the bad chunk is not stored')
    const stats = await client.stats()
    assert.equal(stats.chunksStored, present.filter(Boolean).length, 'counters match what is stored')
  })

  test('a failing source iterable surfaces its own error and cancels the upload', async (t) => {
    const { client } = await startService(t)
    const chunks = makeChunks(3)
    const source = function* () {
      yield* chunks
      throw new Error('source broke')
    }
    await assert.rejects(client.putChunks(source()), /source broke/)
    const controller = new AbortController()
    const endless = function* () {
      for (;;) yield* makeChunks(2)
    }
    let acks = 0
    const upload = client.putChunks(endless(), {
      signal: controller.signal,
      onAck: () => {
        acks += 1
        if (acks === 4) controller.abort()
      },
    })
    await assert.rejects(upload, (err: unknown) => err instanceof Error)
    assert.ok(controller.signal.aborted)
  })

  test('refuses malformed and non-chunk CIDs with INVALID_ARGUMENT', async (t) => {
    const { client } = await startService(t)
    await assert.rejects(client.hasChunks(['not-a-cid']), rejectsWith('INVALID_ARGUMENT'))
    await assert.rejects(
      client.putChunks([{ cid: 'bafy-garbage', bytes: Buffer.from('x') }]),
      rejectsWith('INVALID_ARGUMENT'),
    )
    const { cid: manifest } = makeFile(makeChunks(1))
    await assert.rejects(client.hasChunks([manifest]), rejectsWith('INVALID_ARGUMENT'))
  })

  test('stores manifests and streams whole files and byte ranges', async (t) => {
    const { client } = await startService(t)
    const chunks = makeChunks(10, 1000)
    const file = makeFile(chunks)
    await assert.rejects(client.putManifest(file.bytes), rejectsWith('FAILED_PRECONDITION'), 'chunks missing')
    await assert.rejects(client.putManifest(Buffer.from('not cbor at all')), rejectsWith('INVALID_ARGUMENT'))
    await client.putChunks(chunks)
    const put = await client.putManifest(file.bytes)
    assert.deepEqual(put, { cid: file.cid.toString(), created: true })
    const got = await client.getManifest(file.cid)
    assert.deepEqual(Buffer.from(got.bytes), Buffer.from(file.bytes))
    assert.equal(got.info.size, 10_000)
    assert.equal(got.info.chunkCount, 10)

    const whole = fileBytes(chunks)
    assert.deepEqual(await collect(client.readFile(file.cid)), whole)
    for (const [offset, length] of [
      [0, 1],
      [999, 2],
      [1500, 3000],
      [9999, 1],
      [4000, 0],
      [10_000, 0],
    ]) {
      const part = await collect(client.readFile(file.cid, { offset, length }))
      const end = length ? offset + length : whole.length
      assert.deepEqual(part, whole.subarray(offset, end), `range ${offset}+${length}`)
    }
    await assert.rejects(collect(client.readFile(file.cid, { offset: 10_001 })), rejectsWith('INVALID_ARGUMENT'))
    const unknown = makeFile(makeChunks(1)).cid
    await assert.rejects(client.getManifest(unknown), rejectsWith('NOT_FOUND'))
  })

  test('lists files and pins page by page, with pins reflected', async (t) => {
    const { client } = await startService(t)
    const names: string[] = []
    for (let i = 0; i < 5; i++) {
      const chunks = makeChunks(2, 100)
      await client.putChunks(chunks)
      const file = makeFile(chunks, `file-${i}.bin`)
      await client.putManifest(file.bytes, { pin: i % 2 === 0 })
      names.push(`file-${i}.bin`)
    }
    const seen: string[] = []
    let pageToken = ''
    let pages = 0
    do {
      const page = await client.listFiles({ pageSize: 2, pageToken })
      assert.ok(page.files.length <= 2)
      for (const f of page.files) {
        seen.push(f.name)
        assert.equal(f.size, 200)
        assert.equal(f.chunkCount, 2)
        assert.equal(f.pinned, Number(f.name[5]) % 2 === 0)
      }
      pageToken = page.nextPageToken
      pages += 1
    } while (pageToken)
    assert.equal(pages, 3)
    assert.deepEqual(seen.sort(), names)
    const pins = await client.listPins({ pageSize: 10 })
    assert.deepEqual(pins.files.map((f) => f.name).sort(), ['file-0.bin', 'file-2.bin', 'file-4.bin'])
    assert.equal(pins.nextPageToken, '')
    assert.equal((await client.stats()).pins, 3)
    await assert.rejects(client.listFiles({ pageToken: 'garbage' }), rejectsWith('INVALID_ARGUMENT'))
  })

  test('serves Prometheus metrics with storage gauges and operation counts', async (t) => {
    const { service, client } = await startService(t)
    await client.putChunks(makeChunks(2))
    const res = await fetch(`http://127.0.0.1:${service.metricsPort}/metrics`)
    const body = await res.text()
    assert.match(body, /netswarm_storage_chunks\{[^}]*\} 2/)
    assert.match(body, /netswarm_storage_operations_total\{[^}]*op="put_chunks"[^}]*\} \d/)
    assert.match(body, /netswarm_storage_operation_duration_seconds_bucket/)
    assert.equal((await fetch(`http://127.0.0.1:${service.metricsPort}/readyz`)).status, 200)
  })
})
