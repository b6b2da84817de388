import { once } from 'node:events'
import { loadStorageProto } from '@netswarm/proto'
import { fromGrpcError, GRPC_CHANNEL_OPTIONS, grpc, type NetSwarmError, readGrpcStream } from '@netswarm/runtime'
import type { CID } from 'multiformats/cid'
import type { Out, StorageServiceClient } from './grpc/proto-types.ts'
import type { FileInfo } from './store/manifests.ts'

/** A chunk to put: CID (object or string) and bytes. */
export interface ChunkInput {
  cid: CID | string
  bytes: Uint8Array
}

/** A file as listed by the storage service. */
export type StoredFileInfo = FileInfo

/** Storage stats (bytes, counts). */
export interface StorageStatsView {
  bytesStored: number
  chunksStored: number
  pinnedBytes: number
  quotaBytes: number
  manifestsStored: number
  pins: number
}

/** Per-call options: cancellation and deadline. */
export interface CallOptions {
  signal?: AbortSignal
  /** Milliseconds. */
  timeoutMs?: number
}

/** Typed async client of the storage service; every failure is a NetSwarmError with its code. */
export interface StorageClient {
  /**
   * Streams chunks in; resolves once every chunk is acknowledged (committed per the server's sync
   * policy). `onAck` sees each acknowledgement in order. Fails at the first refused chunk.
   */
  putChunks(
    chunks: Iterable<ChunkInput> | AsyncIterable<ChunkInput>,
    options?: CallOptions & { onAck?: (cid: string, created: boolean) => void },
  ): Promise<{ acknowledged: number; created: number }>
  /** Streams chunks out in request order; a missing chunk yields `bytes: undefined`. */
  getChunks(cids: readonly (CID | string)[], options?: CallOptions): AsyncGenerator<{ cid: string; bytes?: Uint8Array }>
  hasChunks(cids: readonly (CID | string)[], options?: CallOptions): Promise<boolean[]>
  deleteChunks(cids: readonly (CID | string)[], options?: CallOptions): Promise<number>
  putManifest(
    bytes: Uint8Array,
    options?: CallOptions & { cid?: CID | string; pin?: boolean; allowMissingChunks?: boolean },
  ): Promise<{ cid: string; created: boolean }>
  getManifest(
    cid: CID | string,
    options?: CallOptions,
  ): Promise<{ cid: string; bytes: Uint8Array; info: StoredFileInfo }>
  /** A file's bytes in order, or `length` bytes from `offset` (length 0/undefined = to the end). */
  readFile(cid: CID | string, options?: CallOptions & { offset?: number; length?: number }): AsyncGenerator<Uint8Array>
  pin(cid: CID | string, options?: CallOptions): Promise<{ changed: boolean; pinnedBytes: number }>
  unpin(cid: CID | string, options?: CallOptions): Promise<{ changed: boolean; pinnedBytes: number }>
  listPins(page?: { pageSize?: number; pageToken?: string }, options?: CallOptions): Promise<FilePageView>
  listFiles(page?: { pageSize?: number; pageToken?: string }, options?: CallOptions): Promise<FilePageView>
  runGc(options?: CallOptions): Promise<{ chunksRemoved: number; bytesRemoved: number; manifestsRemoved: number }>
  stats(options?: CallOptions): Promise<StorageStatsView>
  /** LMDB path and layout version, for opening the fast path (`@netswarm/chunk-store`). */
  storeInfo(options?: CallOptions): Promise<{ path: string; layoutVersion: number }>
  /** Resolves when the channel is connected (or rejects after `timeoutMs`). */
  waitForReady(timeoutMs?: number): Promise<void>
  close(): void
}

/** A page of files. */
export interface FilePageView {
  files: StoredFileInfo[]
  nextPageToken: string
}

/** Creates a client for the storage service at `address` (host:port or unix:path). */
export function createStorageClient(address: string): StorageClient {
  const proto = loadStorageProto()
  const client: StorageServiceClient = new proto.netswarm.storage.v1.StorageService(
    address,
    grpc.credentials.createInsecure(),
    GRPC_CHANNEL_OPTIONS,
  )
  const text = (cid: CID | string) => (typeof cid === 'string' ? cid : cid.toString())

  /** Calls a unary method, mapping errors and wiring the abort signal. */
  const call = <Res>(
    invoke: (
      meta: grpc.Metadata,
      opts: grpc.CallOptions,
      cb: (err: grpc.ServiceError | null, res?: Res) => void,
    ) => grpc.ClientUnaryCall,
    options: CallOptions = {},
  ): Promise<Res> =>
    new Promise<Res>((resolve, reject) => {
      options.signal?.throwIfAborted()
      const handle = invoke(new grpc.Metadata(), callOptions(options), (err, res) => {
        options.signal?.removeEventListener('abort', cancel)
        if (err) reject(fromGrpcError(err))
        else resolve(res as Res)
      })
      const cancel = () => handle.cancel()
      options.signal?.addEventListener('abort', cancel, { once: true })
    })

  return {
    async putChunks(chunks, options = {}) {
      const stream = client.PutChunks(new grpc.Metadata(), callOptions(options))
      let sent = 0
      let acknowledged = 0
      let created = 0
      let sendingDone = false
      const finished = new Promise<void>((resolve, reject) => {
        stream.on('data', (ack: Out<'PutChunkResponse'>) => {
          acknowledged += 1
          if (ack.created) created += 1
          options.onAck?.(ack.cid, ack.created)
        })
        stream.on('error', (err) => reject(fromGrpcError(err)))
        stream.on('end', () => {
          if (sendingDone && acknowledged === sent) resolve()
          else reject(fromGrpcError({ code: grpc.status.INTERNAL, details: 'storage ended PutChunks early' }))
        })
      })
      // An error may surface while we are still writing; keep it from being unhandled meanwhile.
      finished.catch(() => undefined)
      const cancel = () => stream.cancel()
      options.signal?.addEventListener('abort', cancel, { once: true })
      try {
        for await (const chunk of chunks) {
          options.signal?.throwIfAborted()
          sent += 1
          if (!stream.write({ cid: text(chunk.cid), data: chunk.bytes })) {
            await Promise.race([once(stream, 'drain'), finished])
          }
        }
        sendingDone = true
        stream.end()
        await finished
        return { acknowledged, created }
      } catch (err) {
        stream.cancel()
        const serverErr = await finished.then(
          () => undefined,
          (e: NetSwarmError) => e,
        )
        // The server's refusal explains more than the cancellation it caused; a failure of the
        // caller's own iterable (or its abort) stays the caller's error.
        throw serverErr && serverErr.code !== 'CANCELLED' ? serverErr : err
      } finally {
        options.signal?.removeEventListener('abort', cancel)
      }
    },

    async *getChunks(cids, options = {}) {
      const stream = client.GetChunks({ cids: cids.map(text) }, callOptions(options))
      for await (const chunk of readGrpcStream<Out<'ChunkData'>>(stream, options.signal)) {
        yield chunk.found ? { cid: chunk.cid, bytes: chunk.data } : { cid: chunk.cid }
      }
    },

    async hasChunks(cids, options) {
      const res = await call<Out<'HasChunksResponse'>>(
        (m, o, cb) => client.HasChunks({ cids: cids.map(text) }, m, o, cb),
        options,
      )
      return res.present
    },

    async deleteChunks(cids, options) {
      const res = await call<Out<'DeleteChunksResponse'>>(
        (m, o, cb) => client.DeleteChunks({ cids: cids.map(text) }, m, o, cb),
        options,
      )
      return res.deleted
    },

    async putManifest(bytes, options = {}) {
      const req = {
        manifest: bytes,
        cid: options.cid ? text(options.cid) : '',
        pin: options.pin ?? false,
        allowMissingChunks: options.allowMissingChunks ?? false,
      }
      const res = await call<Out<'PutManifestResponse'>>((m, o, cb) => client.PutManifest(req, m, o, cb), options)
      return { cid: res.cid, created: res.created }
    },

    async getManifest(cid, options) {
      const res = await call<Out<'GetManifestResponse'>>(
        (m, o, cb) => client.GetManifest({ cid: text(cid) }, m, o, cb),
        options,
      )
      return { cid: res.cid, bytes: res.manifest, info: fileInfoIn(res.info) }
    },

    async *readFile(cid, options = {}) {
      const stream = client.ReadFile(
        { cid: text(cid), offset: options.offset ?? 0, length: options.length ?? 0 },
        callOptions(options),
      )
      for await (const part of readGrpcStream<Out<'ReadFileResponse'>>(stream, options.signal)) yield part.data
    },

    async pin(cid, options) {
      const res = await call<Out<'PinResponse'>>((m, o, cb) => client.Pin({ cid: text(cid) }, m, o, cb), options)
      return { changed: res.changed, pinnedBytes: Number(res.pinnedBytes) }
    },

    async unpin(cid, options) {
      const res = await call<Out<'UnpinResponse'>>((m, o, cb) => client.Unpin({ cid: text(cid) }, m, o, cb), options)
      return { changed: res.changed, pinnedBytes: Number(res.pinnedBytes) }
    },

    async listPins(page = {}, options) {
      const res = await call<Out<'ListFilesResponse'>>(
        (m, o, cb) => client.ListPins({ pageSize: page.pageSize ?? 0, pageToken: page.pageToken ?? '' }, m, o, cb),
        options,
      )
      return { files: res.files.map(fileInfoIn), nextPageToken: res.nextPageToken }
    },

    async listFiles(page = {}, options) {
      const res = await call<Out<'ListFilesResponse'>>(
        (m, o, cb) => client.ListFiles({ pageSize: page.pageSize ?? 0, pageToken: page.pageToken ?? '' }, m, o, cb),
        options,
      )
      return { files: res.files.map(fileInfoIn), nextPageToken: res.nextPageToken }
    },

    async runGc(options) {
      const res = await call<Out<'RunGcResponse'>>((m, o, cb) => client.RunGc({}, m, o, cb), options)
      return {
        chunksRemoved: Number(res.chunksRemoved),
        bytesRemoved: Number(res.bytesRemoved),
        manifestsRemoved: Number(res.manifestsRemoved),
      }
    },

    async stats(options) {
      const res = await call<Out<'GetStatsResponse'>>((m, o, cb) => client.GetStats({}, m, o, cb), options)
      return {
        bytesStored: Number(res.bytesStored),
        chunksStored: Number(res.chunksStored),
        pinnedBytes: Number(res.pinnedBytes),
        quotaBytes: Number(res.quotaBytes),
        manifestsStored: Number(res.manifestsStored),
        pins: Number(res.pins),
      }
    },

    async storeInfo(options) {
      const res = await call<Out<'GetStoreInfoResponse'>>((m, o, cb) => client.GetStoreInfo({}, m, o, cb), options)
      return { path: res.path, layoutVersion: res.layoutVersion }
    },

    waitForReady(timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        client.waitForReady(Date.now() + timeoutMs, (err) => (err ? reject(fromGrpcError(err)) : resolve()))
      })
    },

    close() {
      client.close()
    },
  }
}

function callOptions(options: CallOptions): grpc.CallOptions {
  return options.timeoutMs ? { deadline: Date.now() + options.timeoutMs } : {}
}

function fileInfoIn(info: Out<'FileInfo'> | null): StoredFileInfo {
  return {
    cid: info?.cid ?? '',
    name: info?.name ?? '',
    size: Number(info?.size ?? 0),
    mediaType: info?.mediaType ?? '',
    chunkCount: info?.chunkCount ?? 0,
    pinned: info?.pinned ?? false,
  }
}
