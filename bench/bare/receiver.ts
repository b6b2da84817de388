/**
 * Bare-pipeline sink: pulls every chunk from the given sources (two requests in flight per
 * source), opens each frame, verifies the chunk against its CID and stores it in a fresh LMDB chunk
 * store with the transfer engine's sync policy and group commits. Timed from the first request to
 * the last commit acknowledged. argv: <index.json> <store dir> <port>...; prints {"ms":N,"bytes":N}.
 */
import { connect } from 'node:net'
import { ChunkStore, type VerifiedChunk, verifyChunk } from '@netswarm/chunk-store'
import { FrameOpener, FrameSealer, MAX_FRAME_BYTES, SocketInput } from '@netswarm/wire'
import { encodeIndices, REQUEST_KEY, RESPONSE_KEY, readIndex } from './protocol.ts'

const DEPTH = 2
const WRITE_BATCH = 16
const [indexPath, storeDir, ...ports] = process.argv.slice(2)
const { entries, cids } = readIndex(indexPath)
const store = await ChunkStore.open({ path: storeDir, sync: 'committed' })
const total = entries.length
const bytes = entries.reduce((a, e) => a + e.size, 0)
let next = 0
let stored = 0
const pending: VerifiedChunk[] = []
let flushing = false
let started = 0

function flush(): void {
  if (flushing) return
  flushing = true
  void (async () => {
    while (pending.length > 0) {
      const batch = pending.splice(0, WRITE_BATCH)
      await store.putVerifiedChunks(batch)
      stored += batch.length
    }
    flushing = false
    if (stored === total) {
      console.log(JSON.stringify({ ms: performance.now() - started, bytes }))
      process.exit(0)
    }
  })()
}

const sources = await Promise.all(
  ports.map(
    (port) =>
      new Promise<(n: number) => void>((resolve, reject) => {
        const input = new SocketInput(MAX_FRAME_BYTES)
        const socket = connect({ host: '127.0.0.1', port: Number(port), onread: input.onread })
        input.attach(socket, true)
        socket.setNoDelay(true)
        const sealer = new FrameSealer(REQUEST_KEY)
        const opener = new FrameOpener(RESPONSE_KEY)
        const ask = (n: number) => {
          const indices: number[] = []
          while (indices.length < n && next < total) indices.push(next++)
          if (indices.length > 0) for (const part of sealer.seal([encodeIndices(indices)])) socket.write(part)
        }
        input.onFrame = (payload) => {
          const plain = opener.open(payload)
          const index = plain.readUInt32BE(0)
          pending.push(verifyChunk(cids[index], plain.subarray(4)))
          flush()
          ask(1)
        }
        input.onError = (err) => {
          console.error(err)
          process.exit(1)
        }
        socket.once('connect', () => resolve(ask))
        socket.once('error', reject)
      }),
  ),
)
started = performance.now()
for (const ask of sources) ask(DEPTH)
