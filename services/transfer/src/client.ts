import { once } from 'node:events'
import { loadTransferProto } from '@netswarm/proto'
import { fromGrpcError, GRPC_CHANNEL_OPTIONS, grpc, readGrpcStream } from '@netswarm/runtime'
import type { In, Out, TransferServiceClient } from './grpc/proto-types.ts'

/** Per-call options. */
export interface TransferCallOptions {
  signal?: AbortSignal
  /** Milliseconds. */
  timeoutMs?: number
}

export type FetchProgress = Out<'FetchProgress'>
export type TransferSummary = Out<'TransferSummary'>
export type PeerStat = Out<'PeerStat'>
export type FileInfo = Out<'FileInfo'>

/** Typed async client of the transfer service; failures are NetSwarmErrors with their code. */
export interface TransferClient {
  /** Downloads a file; yields progress until the last message (state DONE). */
  fetch(cid: string, options?: TransferCallOptions & { pin?: boolean; peers?: string[] }): AsyncGenerator<FetchProgress>
  /** A file's verified bytes in order (a range when offset/length are given), fetched as needed. */
  readFile(
    cid: string,
    options?: TransferCallOptions & { offset?: number; length?: number },
  ): AsyncGenerator<{ info: FileInfo } | { data: Uint8Array; offset: number }>
  /** A file's manifest (fetched from providers and stored locally when it is not here yet). */
  getManifest(cid: string, options?: TransferCallOptions): Promise<{ manifest: Uint8Array; info: FileInfo }>
  /** Publishes a local file (`path`, read by the service) or a stream of bytes. */
  publish(
    source: { path: string } | AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
    options: TransferCallOptions & { name?: string; mediaType?: string; replicationFactor?: number; noPin?: boolean },
  ): Promise<{ cid: string; size: number; chunks: number }>
  replicate(cid: string, replicationFactor: number, options?: TransferCallOptions): Promise<{ holders: string[] }>
  listTransfers(includeFinished?: boolean, options?: TransferCallOptions): Promise<TransferSummary[]>
  peerStats(options?: TransferCallOptions): Promise<{ peers: PeerStat[]; uploadSlots: number; uploadSlotsBusy: number }>
  waitForReady(timeoutMs?: number): Promise<void>
  close(): void
}

/** Creates a client for the transfer service at `address` (host:port). */
export function createTransferClient(address: string): TransferClient {
  const proto = loadTransferProto()
  const client: TransferServiceClient = new proto.netswarm.transfer.v1.TransferService(
    address,
    grpc.credentials.createInsecure(),
    GRPC_CHANNEL_OPTIONS,
  )
  const callOptions = (o: TransferCallOptions): grpc.CallOptions =>
    o.timeoutMs ? { deadline: Date.now() + o.timeoutMs } : {}

  const unaryCall = <Res>(
    invoke: (opts: grpc.CallOptions, cb: (err: grpc.ServiceError | null, res?: Res) => void) => grpc.ClientUnaryCall,
    o: TransferCallOptions = {},
  ) =>
    new Promise<Res>((resolve, reject) => {
      o.signal?.throwIfAborted()
      const call = invoke(callOptions(o), (err, res) => (err ? reject(fromGrpcError(err)) : resolve(res as Res)))
      o.signal?.addEventListener('abort', () => call.cancel(), { once: true })
    })

  return {
    fetch(cid, o = {}) {
      return readGrpcStream(client.Fetch({ cid, pin: o.pin ?? false, peers: o.peers ?? [] }, callOptions(o)), o.signal)
    },
    async *readFile(cid, o = {}) {
      const stream = client.ReadFile(
        { cid, offset: String(o.offset ?? 0), length: String(o.length ?? 0) },
        callOptions(o),
      )
      for await (const m of readGrpcStream(stream, o.signal)) {
        if (m.info) yield { info: m.info }
        else yield { data: m.data, offset: Number(m.offset) }
      }
    },
    publish(source, o) {
      return new Promise((resolve, reject) => {
        const call = client.Publish(callOptions(o), (err, res) =>
          err || !res
            ? reject(fromGrpcError(err))
            : resolve({ cid: res.cid, size: Number(res.size), chunks: res.chunks }),
        )
        o.signal?.addEventListener('abort', () => call.cancel(), { once: true })
        void (async () => {
          const header: In<'PublishHeader'> = {
            name: o.name ?? ('path' in source ? source.path.split('/').pop() : 'file'),
            mediaType: o.mediaType ?? '',
            path: 'path' in source ? source.path : '',
            replicationFactor: o.replicationFactor ?? 0,
            noPin: o.noPin ?? false,
          }
          call.write({ header })
          if (!('path' in source)) {
            for await (const data of source as AsyncIterable<Uint8Array>) {
              // 1 MiB messages keep gRPC framing overhead low without large buffers.
              for (let at = 0; at < data.length; at += 1024 * 1024) {
                if (!call.write({ data: data.subarray(at, at + 1024 * 1024) })) await once(call, 'drain')
              }
            }
          }
          call.end()
        })().catch((err) => {
          call.cancel()
          reject(err)
        })
      })
    },
    async getManifest(cid, o = {}) {
      const res = await unaryCall<Out<'GetManifestResponse'>>((opts, cb) => client.GetManifest({ cid }, opts, cb), o)
      return { manifest: new Uint8Array(res.manifest), info: res.info as FileInfo }
    },
    async replicate(cid, replicationFactor, o = {}) {
      const res = await unaryCall<Out<'ReplicateResponse'>>(
        (opts, cb) => client.Replicate({ cid, replicationFactor }, opts, cb),
        o,
      )
      return { holders: res.holders }
    },
    async listTransfers(includeFinished = false, o = {}) {
      const res = await unaryCall<Out<'ListTransfersResponse'>>(
        (opts, cb) => client.ListTransfers({ includeFinished }, opts, cb),
        o,
      )
      return res.transfers
    },
    async peerStats(o = {}) {
      const res = await unaryCall<Out<'PeerStatsResponse'>>((opts, cb) => client.PeerStats({}, opts, cb), o)
      return { peers: res.peers, uploadSlots: res.uploadSlots, uploadSlotsBusy: res.uploadSlotsBusy }
    },
    waitForReady(timeoutMs = 10_000) {
      return new Promise((resolve, reject) =>
        client.waitForReady(Date.now() + timeoutMs, (err) => (err ? reject(err) : resolve())),
      )
    },
    close: () => client.close(),
  }
}
