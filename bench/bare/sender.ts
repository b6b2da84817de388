/**
 * Bare-pipeline source: fills its own LMDB chunk store with the file's chunks (not timed), then
 * answers index requests by sealing each chunk straight from LMDB's read buffer.
 * argv: <index.json> <file> <store dir>. Prints {"port":N} once it listens.
 */
import { openSync, readSync } from 'node:fs'
import { createServer } from 'node:net'
import { ChunkStore } from '@netswarm/chunk-store'
import { FrameOpener, FrameReader, FrameSealer, MAX_FRAME_BYTES } from '@netswarm/wire'
import { REQUEST_KEY, RESPONSE_KEY, readIndex } from './protocol.ts'

const [indexPath, filePath, storeDir] = process.argv.slice(2)
const { entries, cids } = readIndex(indexPath)
const store = await ChunkStore.open({ path: storeDir, sync: 'committed' })
const fd = openSync(filePath, 'r')
for (let i = 0; i < entries.length; i += 16) {
  const batch = entries.slice(i, i + 16).map((e, j) => {
    const bytes = Buffer.allocUnsafe(e.size)
    readSync(fd, bytes, 0, e.size, e.offset)
    return { cid: cids[i + j], bytes }
  })
  await store.putChunks(batch)
}

const server = createServer((socket) => {
  socket.setNoDelay(true)
  const opener = new FrameOpener(REQUEST_KEY)
  const sealer = new FrameSealer(RESPONSE_KEY)
  const reader = new FrameReader(MAX_FRAME_BYTES)
  const header = Buffer.allocUnsafe(4)
  socket.on('error', () => {})
  socket.on('data', (data) =>
    reader.push(data, (payload) => {
      const request = opener.open(payload)
      socket.cork()
      for (let at = 0; at + 4 <= request.length; at += 4) {
        const index = request.readUInt32BE(at)
        header.writeUInt32BE(index)
        store.readChunk(cids[index], (bytes) => {
          for (const part of sealer.seal([header, bytes])) socket.write(part)
        })
      }
      socket.uncork()
    }),
  )
})
server.listen(0, '127.0.0.1', () => {
  const address = server.address()
  console.log(JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 }))
})
