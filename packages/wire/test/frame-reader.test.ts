import assert from 'node:assert/strict'
import { once } from 'node:events'
import { createConnection, createServer, type Socket } from 'node:net'
import { test } from 'node:test'
import fc from 'fast-check'
import { FrameReader, READER_SMALL_BYTES } from '../src/frame-reader.ts'
import { encodeFrame, WireFormatError } from '../src/index.ts'
import { SocketInput } from '../src/socket-input.ts'

/**
 * Plays the kernel: each read fills the reader's region with at most `sizes[i]` bytes of `stream`.
 * Returns the payloads (copied) and checks the reader's memory bound after every read.
 */
function readAll(reader: FrameReader, stream: Uint8Array, sizes: number[], maxCapacity: number): Buffer[] {
  const out: Buffer[] = []
  let pos = 0
  let i = 0
  while (pos < stream.length) {
    const region = reader.readBuffer()
    assert.ok(region.length > 0, 'a read region is never empty')
    const n = Math.min(region.length, stream.length - pos, 1 + (sizes[i++ % Math.max(1, sizes.length)] ?? 1 << 20))
    region.set(stream.subarray(pos, pos + n))
    pos += n
    reader.commit(n, (p) => out.push(Buffer.from(p)))
    assert.ok(reader.capacity <= maxCapacity, `capacity ${reader.capacity} over ${maxCapacity}`)
  }
  return out
}

test('frames read in place round trip under any read sizes, within one frame of memory', () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 1, max: 300_000 }), { minLength: 1, maxLength: 8 }),
      fc.array(fc.integer({ min: 0, max: 400_000 }), { maxLength: 20 }),
      (sizes, reads) => {
        const payloads = sizes.map((n, i) => Buffer.alloc(n, i + 1))
        const stream = Buffer.concat(payloads.map((p) => encodeFrame(p)))
        const reader = new FrameReader(300_000)
        assert.deepEqual(readAll(reader, stream, reads, 300_004), payloads)
        assert.equal(reader.bufferedBytes, 0)
      },
    ),
    { numRuns: 60 },
  )
})

test('small frames round trip through push() (the data-event path) under any chunking', () => {
  fc.assert(
    fc.property(
      fc.array(fc.uint8Array({ minLength: 1, maxLength: 300 }), { maxLength: 30 }),
      fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 30 }),
      (payloads, chunkSizes) => {
        const stream = Buffer.concat(payloads.map((p) => encodeFrame(p)))
        const reader = new FrameReader(300)
        const out: Buffer[] = []
        for (let pos = 0, i = 0; pos < stream.length; i++) {
          const n = chunkSizes[i % chunkSizes.length]
          reader.push(stream.subarray(pos, pos + n), (p) => out.push(Buffer.from(p)))
          pos += n
        }
        assert.deepEqual(
          out,
          payloads.map((p) => Buffer.from(p)),
        )
        assert.equal(reader.bufferedBytes, 0)
      },
    ),
  )
})

test('a large frame completes in place: the read stops at its end and nothing is copied', () => {
  const reader = new FrameReader(4 << 20)
  const frame = encodeFrame(Buffer.alloc(1 << 20, 7))
  const second = encodeFrame(Buffer.alloc(1 << 20, 8))
  let region = reader.readBuffer()
  region.set(frame.subarray(0, 1000))
  reader.commit(1000, () => assert.fail('incomplete'))
  // The buffer grew to the frame, and the next read is cut at the frame's end.
  region = reader.readBuffer()
  assert.equal(region.length, frame.length - 1000)
  const grown = region.buffer
  region.set(frame.subarray(1000))
  const seen: Uint8Array[] = []
  reader.commit(frame.length - 1000, (p) => seen.push(p))
  assert.equal(seen.length, 1)
  assert.equal(seen[0].buffer, grown, 'the payload is a view of the read buffer, not a copy')
  // The next frame of the same size reuses that buffer from its start.
  region = reader.readBuffer()
  assert.equal(region.buffer, grown)
  assert.equal(region.byteOffset, 0)
  region.set(second)
  reader.commit(second.length, (p) => assert.equal(p[0], 8))
})

test('a grown buffer is given back after a run of small frames', () => {
  const reader = new FrameReader(4 << 20)
  const big = encodeFrame(Buffer.alloc(512 * 1024, 1))
  readAll(reader, big, [], 4 << 20)
  assert.ok(reader.capacity > READER_SMALL_BYTES)
  const smalls = Buffer.concat(Array.from({ length: 8 }, (_, i) => encodeFrame(Buffer.from([i + 1]))))
  readAll(reader, smalls, [], 4 << 20)
  assert.equal(reader.capacity, READER_SMALL_BYTES)
})

test('bad lengths fail with WireFormatError at their offset, before any payload is buffered', () => {
  const reader = new FrameReader(1000)
  const good = encodeFrame(Buffer.alloc(10, 1))
  const stream = Buffer.concat([good, Buffer.from([0, 0, 3, 233, 1, 2, 3])])
  assert.throws(
    () => readAll(reader, stream, [], 1 << 20),
    (err: unknown) => err instanceof WireFormatError && err.offset === good.length,
  )
  // Even asked again after the failure, the reader never sizes a buffer from the bad length.
  assert.ok(reader.readBuffer().length <= READER_SMALL_BYTES)
  assert.throws(
    () => new FrameReader(1000).push(Buffer.from([0, 0, 0, 0]), () => {}),
    (err: unknown) => err instanceof WireFormatError && err.offset === 0,
  )
  fc.assert(
    fc.property(fc.array(fc.uint8Array({ maxLength: 2000 }), { maxLength: 10 }), (chunks) => {
      const fuzzed = new FrameReader(1000)
      try {
        for (const chunk of chunks) {
          fuzzed.push(chunk, (p) => assert.ok(p.length <= 1000))
          assert.ok(fuzzed.bufferedBytes <= 1004)
          assert.ok(fuzzed.capacity <= READER_SMALL_BYTES)
        }
      } catch (err) {
        assert.ok(err instanceof WireFormatError, String(err))
      }
    }),
  )
})

test('accepted and dialed sockets read straight into the frame reader, and pause() still stops reading', async () => {
  const server = createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const port = (server.address() as { port: number }).port
  const serverInput = new SocketInput(4 << 20)
  const serverFrames: Buffer[] = []
  serverInput.onFrame = (p) => serverFrames.push(Buffer.from(p))
  const accepted = new Promise<Socket>((resolve) =>
    server.once('connection', (socket: Socket) => {
      serverInput.attach(socket, false)
      resolve(socket)
    }),
  )
  const clientInput = new SocketInput(4 << 20)
  const clientFrames: Buffer[] = []
  const clientGotAll = new Promise<void>((resolve) => {
    clientInput.onFrame = (p) => {
      clientFrames.push(Buffer.from(p))
      if (clientFrames.length === 3) resolve()
    }
  })
  const client = createConnection({ host: '127.0.0.1', port, onread: clientInput.onread })
  clientInput.attach(client, true)
  const socket = await accepted
  try {
    // This node has the slots the adoption needs (checked so a node upgrade that drops them shows up).
    assert.equal(serverInput.mode, 'onread')
    assert.equal(clientInput.mode, 'onread')
    const payloads = [Buffer.alloc(1, 1), Buffer.alloc(3 << 20, 2), Buffer.alloc(70_000, 3)]
    const serverGotAll = new Promise<void>((resolve) => {
      serverInput.onFrame = (p) => {
        serverFrames.push(Buffer.from(p))
        if (serverFrames.length === 3) resolve()
      }
    })
    for (const p of payloads) client.write(encodeFrame(p))
    await serverGotAll
    assert.deepEqual(serverFrames, payloads)
    for (const p of payloads) socket.write(encodeFrame(p))
    await clientGotAll
    assert.deepEqual(clientFrames, payloads)

    // Paused, the accepted socket delivers nothing; the bytes wait in the kernel until resume().
    socket.pause()
    client.write(encodeFrame(Buffer.from('late')))
    // A round trip in the other direction proves the late frame had time to arrive.
    const echoed = new Promise<void>((resolve) => {
      clientInput.onFrame = () => resolve()
    })
    socket.write(encodeFrame(Buffer.from('ping')))
    await echoed
    assert.equal(serverFrames.length, 3)
    const late = new Promise<Buffer>((resolve) => {
      serverInput.onFrame = (p) => resolve(Buffer.from(p))
    })
    socket.resume()
    assert.equal((await late).toString(), 'late')
  } finally {
    client.destroy()
    socket.destroy()
    server.close()
  }
})

test('a framing error reaches onError once and stops delivery', async () => {
  const server = createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const port = (server.address() as { port: number }).port
  const input = new SocketInput(512)
  const errors: Error[] = []
  const failed = new Promise<void>((resolve) => {
    input.onError = (err) => {
      errors.push(err)
      resolve()
    }
  })
  let frames = 0
  input.onFrame = () => frames++
  server.once('connection', (socket: Socket) => input.attach(socket, false))
  const client = createConnection({ host: '127.0.0.1', port })
  try {
    client.write(
      Buffer.concat([encodeFrame(Buffer.from('ok')), Buffer.from([0, 0, 2, 1]), encodeFrame(Buffer.from('x'))]),
    )
    await failed
    assert.equal(frames, 1)
    assert.ok(errors[0] instanceof WireFormatError)
    assert.equal(errors.length, 1)
  } finally {
    client.destroy()
    server.close()
  }
})
