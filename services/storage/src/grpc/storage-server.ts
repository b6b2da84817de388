import { once } from 'node:events'
import { type CID, parseChunkCid, parseManifestCid } from '@netswarm/content'
import { callSignal, type grpc, toGrpcError, unary } from '@netswarm/runtime'
import type { StorageMetrics } from '../metrics.ts'
import type { FileInfo } from '../store/manifests.ts'
import type { Storage } from '../store/storage.ts'
import type { BidiStream, In, ServerStream, Unary } from './proto-types.ts'

/** Chunk bytes buffered per PutChunks call before reading pauses (backpressure to the client). */
const PUT_HIGH_WATER_BYTES = 16 * 1024 * 1024
/** Chunk bytes per store call at most; larger batches only delay acknowledgements. */
const PUT_BATCH_BYTES = 4 * 1024 * 1024
/** Store calls in flight per PutChunks stream. */
const PUT_BATCHES_IN_FLIGHT = 4

/** Maps the StorageService RPCs onto {@link Storage}: proto ⇄ domain, nothing else. */
export function createStorageHandlers(storage: Storage, metrics: StorageMetrics): grpc.UntypedServiceImplementation {
  const { observe } = metrics

  const putChunks: BidiStream<'PutChunkRequest', 'PutChunkResponse'> = (call) => {
    const pending: { cid: CID; bytes: Uint8Array; text: string }[] = []
    let pendingBytes = 0
    let inFlight = 0
    let ended = false
    let failed = false
    let closed = false
    // Acknowledgements go out in request order: each batch's acks wait for the previous batch's.
    let acks: Promise<void> = Promise.resolve()
    const puts = new Set<Promise<unknown>>()
    const fail = (err: unknown) => {
      if (failed) return
      failed = true
      pending.length = 0
      // Answer only once the batches in flight have settled: after the caller sees the error,
      // nothing more from this call gets written.
      void Promise.allSettled(puts).then(() => call.emit('error', toGrpcError(err)))
    }
    const takeBatch = () => {
      let take = 0
      let bytes = 0
      while (take < pending.length && (take === 0 || bytes + pending[take].bytes.byteLength <= PUT_BATCH_BYTES)) {
        bytes += pending[take].bytes.byteLength
        take += 1
      }
      pendingBytes -= bytes
      return pending.splice(0, take)
    }
    const pump = () => {
      // Several batches in flight: the store group-commits them, so one fsync covers several.
      while (!failed && pending.length > 0 && inFlight < PUT_BATCHES_IN_FLIGHT) {
        const batch = takeBatch()
        inFlight += 1
        const put = observe('put_chunks', () => storage.putChunks(batch))
        puts.add(put)
        put.then(
          () => puts.delete(put),
          () => puts.delete(put),
        )
        acks = acks
          .then(async () => {
            const created = await put
            if (failed) return
            for (let i = 0; i < batch.length; i++) call.write({ cid: batch[i].text, created: created[i] })
          })
          .catch(fail)
          .finally(() => {
            inFlight -= 1
            pump()
          })
      }
      if (!failed && call.isPaused() && pendingBytes < PUT_HIGH_WATER_BYTES) call.resume()
      if (ended && !failed && !closed && pending.length === 0 && inFlight === 0) {
        closed = true
        call.end()
      }
    }
    call.on('data', (req: { cid: string; data: Buffer }) => {
      if (failed) return
      let cid: CID
      try {
        cid = parseChunkCid(req.cid)
      } catch (err) {
        fail(err)
        return
      }
      pending.push({ cid, bytes: req.data, text: req.cid })
      pendingBytes += req.data.byteLength
      metrics.bytesWritten.inc(req.data.byteLength)
      if (pendingBytes >= PUT_HIGH_WATER_BYTES) call.pause()
      pump()
    })
    call.on('end', () => {
      ended = true
      pump()
    })
    call.on('cancelled', () => {
      failed = true
    })
  }

  const getChunks: ServerStream<'GetChunksRequest', 'ChunkData'> = (call) => {
    const signal = callSignal(call)
    streamOut(
      call,
      async (write) => {
        const cids = call.request.cids.map(parseChunkCid)
        for (let i = 0; i < cids.length && !signal.aborted; i++) {
          const data = storage.getChunk(cids[i])
          if (data) metrics.bytesRead.inc(data.byteLength)
          await write({ cid: call.request.cids[i], found: data !== undefined, data: data ?? Buffer.alloc(0) })
        }
      },
      { observe, op: 'get_chunks', signal },
    )
  }

  const readFile: ServerStream<'ReadFileRequest', 'ReadFileResponse'> = (call) => {
    const signal = callSignal(call)
    streamOut(
      call,
      async (write) => {
        const cid = parseManifestCid(call.request.cid)
        const range = { offset: Number(call.request.offset), length: Number(call.request.length) }
        for await (const data of storage.readFile(cid, range, { signal })) {
          metrics.bytesRead.inc(data.byteLength)
          await write({ data })
        }
      },
      { observe, op: 'read_file', signal },
    )
  }

  const hasChunks: Unary<'HasChunksRequest', 'HasChunksResponse'> = unary((req) =>
    observe('has_chunks', async () => ({ present: storage.hasChunks(req.cids.map(parseChunkCid)) })),
  )

  const deleteChunks: Unary<'DeleteChunksRequest', 'DeleteChunksResponse'> = unary((req) =>
    observe('delete_chunks', async () => ({ deleted: await storage.deleteChunks(req.cids.map(parseChunkCid)) })),
  )

  const putManifest: Unary<'PutManifestRequest', 'PutManifestResponse'> = unary((req) =>
    observe('put_manifest', async () => {
      const { cid, created } = await storage.putManifest(req.manifest, {
        expectedCid: req.cid ? parseManifestCid(req.cid) : undefined,
        pin: req.pin,
        allowMissingChunks: req.allowMissingChunks,
      })
      return { cid: cid.toString(), created }
    }),
  )

  const getManifest: Unary<'GetManifestRequest', 'GetManifestResponse'> = unary((req) =>
    observe('get_manifest', async () => {
      const { bytes, info } = storage.getManifest(parseManifestCid(req.cid))
      return { cid: req.cid, manifest: bytes, info: fileInfoOut(info) }
    }),
  )

  const pin: Unary<'PinRequest', 'PinResponse'> = unary((req) =>
    observe('pin', () => storage.pin(parseManifestCid(req.cid))),
  )
  const unpin: Unary<'UnpinRequest', 'UnpinResponse'> = unary((req) =>
    observe('unpin', () => storage.unpin(parseManifestCid(req.cid))),
  )

  const listPins: Unary<'ListFilesRequest', 'ListFilesResponse'> = unary((req) =>
    observe('list_pins', async () => pageOut(storage.listPins(req.pageSize, req.pageToken))),
  )
  const listFiles: Unary<'ListFilesRequest', 'ListFilesResponse'> = unary((req) =>
    observe('list_files', async () => pageOut(storage.listFiles(req.pageSize, req.pageToken))),
  )

  const runGc: Unary<'RunGcRequest', 'RunGcResponse'> = unary((_req, call) =>
    observe('run_gc', () => storage.collectGarbage({ signal: callSignal(call) })),
  )

  const getStats: Unary<'GetStatsRequest', 'GetStatsResponse'> = unary(() =>
    observe('get_stats', async () => {
      const s = storage.stats()
      return {
        bytesStored: s.bytesStored,
        chunksStored: s.chunks,
        pinnedBytes: s.pinnedBytes,
        quotaBytes: s.quotaBytes,
        manifestsStored: s.manifests,
        pins: s.pins,
      }
    }),
  )

  const getStoreInfo: Unary<'GetStoreInfoRequest', 'GetStoreInfoResponse'> = unary(async () => ({
    path: storage.path,
    layoutVersion: storage.layoutVersion,
  }))

  return {
    PutChunks: putChunks,
    GetChunks: getChunks,
    HasChunks: hasChunks,
    DeleteChunks: deleteChunks,
    PutManifest: putManifest,
    GetManifest: getManifest,
    ReadFile: readFile,
    Pin: pin,
    Unpin: unpin,
    ListPins: listPins,
    ListFiles: listFiles,
    RunGc: runGc,
    GetStats: getStats,
    GetStoreInfo: getStoreInfo,
  }
}

/** Runs a server-streaming body with backpressure; errors end the call with their typed status. */
function streamOut<T>(
  call: grpc.ServerWritableStream<unknown, T>,
  body: (write: (message: T) => Promise<void>) => Promise<void>,
  options: { observe: StorageMetrics['observe']; op: string; signal: AbortSignal },
): void {
  const write = async (message: T) => {
    // A cancelled call never drains: the signal ends the wait (and the body) instead.
    if (!call.write(message)) await once(call, 'drain', { signal: options.signal })
  }
  options
    .observe(options.op, () => body(write))
    .then(
      () => call.end(),
      (err) => call.emit('error', toGrpcError(err)),
    )
}

function fileInfoOut(info: FileInfo): In<'FileInfo'> {
  return { ...info }
}

function pageOut(page: { files: FileInfo[]; nextPageToken: string }): In<'ListFilesResponse'> {
  return { files: page.files.map(fileInfoOut), nextPageToken: page.nextPageToken }
}
