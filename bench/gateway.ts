/**
 * bench:gateway — what the HTTP gateway costs on top of the transfer service for a share link.
 * One peer in-process (storage + transfer + gateway, no DHT), a file published once, then read
 * back in full (a) straight from the transfer service's ReadFile gRPC stream (baseline) and (b)
 * as `GET /f/<cid>` through the gateway. Prints MiB/s of both, best of three, and `ratio` = b/a.
 *
 *   npm run bench:gateway            # 128 MiB
 *   NETSWARM_BENCH_MIB=64 npm run bench:gateway
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { get, type IncomingMessage } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createGatewayService, createGrpcBackend, gatewayConfigSchema } from '@netswarm/gateway'
import { createLogger } from '@netswarm/runtime'
import { createStorageService } from '@netswarm/storage'
import { createTransferService } from '@netswarm/transfer'

const MIB = 1024 * 1024
const SIZE = Number(process.env.NETSWARM_BENCH_MIB ?? 128) * MIB
/** Rounds alternate baseline and gateway so load from other work on the machine hits both alike. */
const ROUNDS = 5

async function* pseudoRandom(size: number): AsyncGenerator<Uint8Array> {
  const block = Buffer.alloc(MIB)
  let x = 0x9e3779b9
  for (let sent = 0; sent < size; sent += MIB) {
    for (let i = 0; i < MIB; i += 4) {
      x ^= x << 13
      x ^= x >>> 17
      x ^= x << 5
      block.writeUInt32LE(x >>> 0, i)
    }
    yield new Uint8Array(block.subarray(0, Math.min(MIB, size - sent)))
  }
}

async function rate(read: () => Promise<number>): Promise<number> {
  const start = performance.now()
  const bytes = await read()
  if (bytes !== SIZE) throw new Error(`read ${bytes} bytes, expected ${SIZE}`)
  return bytes / MIB / ((performance.now() - start) / 1000)
}

const dir = await mkdtemp(join(tmpdir(), 'netswarm-bench-gateway-'))
const log = createLogger({ service: 'bench', level: 'warn' })
const storage = createStorageService(
  { log },
  { dataDir: join(dir, 'storage'), grpcListen: '127.0.0.1:0', metricsListen: '127.0.0.1:0', sync: 'none' },
)
await storage.start()
const transfer = createTransferService(
  { log },
  {
    dataDir: dir,
    listen: '127.0.0.1:0',
    grpcListen: '127.0.0.1:0',
    metricsListen: '127.0.0.1:0',
    storageGrpc: storage.grpcAddress,
    repairIntervalSec: 0,
  },
)
await transfer.start()
const backend = createGrpcBackend({
  storageGrpc: storage.grpcAddress,
  transferGrpc: transfer.grpcAddress,
  dhtGrpc: '127.0.0.1:1',
})
const gateway = createGatewayService(
  { log, backend },
  gatewayConfigSchema.parse({
    listen: '127.0.0.1:0',
    storageGrpc: storage.grpcAddress,
    transferGrpc: transfer.grpcAddress,
  }),
)
await gateway.start()
try {
  const published = await backend.transfer.publish(pseudoRandom(SIZE), { name: 'bench.bin', mediaType: 'video/mp4' })
  const readGrpc = async () => {
    const body = await backend.transfer.readFile(published.cid, { offset: 0, length: 0 })
    let n = 0
    for await (const chunk of body.data) n += chunk.byteLength
    return n
  }
  const readHttp = async () => {
    // node:http rather than fetch: undici's web streams would measure the client, not the gateway.
    const res = await new Promise<IncomingMessage>((resolve, reject) =>
      get(`${gateway.url}/f/${published.cid}`, resolve).on('error', reject),
    )
    let n = 0
    for await (const chunk of res as AsyncIterable<Buffer>) n += chunk.byteLength
    return n
  }
  let grpcMiBs = 0
  let httpMiBs = 0
  for (let r = 0; r < ROUNDS; r++) {
    grpcMiBs = Math.max(grpcMiBs, await rate(readGrpc))
    httpMiBs = Math.max(httpMiBs, await rate(readHttp))
  }
  console.log(`file ${SIZE / MIB} MiB, ${published.chunks} chunks, best of ${ROUNDS}`)
  console.log(`transfer ReadFile gRPC (baseline)  ${grpcMiBs.toFixed(0)} MiB/s`)
  console.log(`gateway GET /f/<cid>               ${httpMiBs.toFixed(0)} MiB/s`)
  console.log(`ratio ${(httpMiBs / grpcMiBs).toFixed(2)}`)
} finally {
  await gateway.stop()
  await transfer.stop()
  await storage.stop()
  await rm(dir, { recursive: true, force: true })
}
