import { once } from 'node:events'
import { loadTransferProto, type TransferProto } from '@netswarm/proto'
import {
  fromGrpcError,
  GRPC_CHANNEL_OPTIONS,
  grpc,
  isNetSwarmError,
  NetSwarmError,
  NotFoundError,
} from '@netswarm/runtime'
import type {
  FetchProgress,
  FileBody,
  FileInfo,
  PeerRate,
  PublishResult,
  TransferBackend,
  TransferState,
  TransferSummary,
} from '../backend.ts'
import { callUnary, num, type StreamOutput, streamMessages } from './grpc-calls.ts'

type TransferServiceClient = InstanceType<TransferProto['netswarm']['transfer']['v1']['TransferService']>
type ReadFileResponse__Output = StreamOutput<TransferServiceClient['ReadFile']>
type FetchProgress__Output = StreamOutput<TransferServiceClient['Fetch']>
type FileInfo__Output = NonNullable<ReadFileResponse__Output['info']>
type PeerRate__Output = FetchProgress__Output['peers'][number]
/** A message type as received, read off the loaded proto's deserialize(). */
type Output<K extends keyof TransferProto['netswarm']['transfer']['v1']> =
  TransferProto['netswarm']['transfer']['v1'][K] extends { deserialize: (bytes: Buffer) => infer T } ? T : never
type TransferSummary__Output = Output<'TransferSummary'>

/** Largest `data` message sent to Publish; grpc frames stay small and memory bounded. */
const PUBLISH_MESSAGE_BYTES = 256 * 1024

/** The transfer service over gRPC, as the gateway's TransferBackend. */
export function createTransferBackend(address: string): TransferBackend & { client: TransferServiceClient } {
  const proto = loadTransferProto()
  const client = new proto.netswarm.transfer.v1.TransferService(
    address,
    grpc.credentials.createInsecure(),
    GRPC_CHANNEL_OPTIONS,
  ) as unknown as TransferServiceClient

  async function openRead(
    cid: string,
    range: { offset: number; length: number },
    options: { signal?: AbortSignal; timeoutMs?: number },
  ): Promise<FileBody> {
    const call = client.ReadFile({ cid, offset: String(range.offset), length: String(range.length) })
    const messages = streamMessages<ReadFileResponse__Output>(call, options.signal)
    // The search for providers is bounded: no first message within timeoutMs means nobody has it.
    let timedOut = false
    const timer = options.timeoutMs
      ? setTimeout(() => {
          timedOut = true
          call.cancel()
        }, options.timeoutMs)
      : undefined
    let first: IteratorResult<ReadFileResponse__Output>
    try {
      first = await messages.next()
    } catch (err) {
      if (timedOut) throw new NotFoundError(`${cid} was not found in the swarm within ${options.timeoutMs! / 1000} s`)
      // The service's own "no provider served it" (UNAVAILABLE with its code attached) means the
      // search ended without finding the file; a transport failure has no code and stays 503.
      if (isNetSwarmError(err) && err.code === 'UNAVAILABLE' && reportedByService(err)) {
        throw new NotFoundError(err.message, { cause: err })
      }
      throw err
    } finally {
      clearTimeout(timer)
    }
    if (first.done || !first.value.info) {
      await messages.return(undefined)
      throw new NetSwarmError('INTERNAL', 'transfer service ended ReadFile without file info')
    }
    const head = first.value
    return {
      info: fileInfo(head.info!),
      data: (async function* () {
        try {
          if (head.data.byteLength > 0) yield head.data
          for await (const message of messages) if (message.data.byteLength > 0) yield message.data
        } finally {
          await messages.return(undefined)
        }
      })(),
    }
  }

  return {
    client,
    async publish(source, header, options = {}): Promise<PublishResult> {
      const { signal } = options
      let settle!: { resolve: (r: PublishResult) => void; reject: (e: unknown) => void }
      const done = new Promise<PublishResult>((resolve, reject) => (settle = { resolve, reject }))
      const call = client.Publish((err, res) => {
        if (err) settle.reject(fromGrpcError(err))
        else
          settle.resolve({
            cid: res!.cid,
            size: num(res!.size),
            chunks: res!.chunks,
            replicasRequested: res!.replicasRequested,
          })
      })
      let poisoned = false
      // TODO(transfer): its Publish handler treats a cancelled stream like a complete one and
      // publishes (and pins) the partial file. Until it checks `call.cancelled`, a second header
      // makes it refuse the stream ("header sent twice"), so nothing partial is ever published.
      const poison = () => {
        if (poisoned) return
        poisoned = true
        try {
          call.write({ header: { name: '', mediaType: '' } })
          call.end()
        } catch {
          call.cancel()
        }
      }
      signal?.addEventListener('abort', poison, { once: true })
      try {
        call.write({ header: { name: header.name, mediaType: header.mediaType } })
        for await (const chunk of source) {
          for (let at = 0; at < chunk.byteLength; at += PUBLISH_MESSAGE_BYTES) {
            // Backpressure: wait for grpc to drain before reading more of the upload.
            if (!call.write({ data: chunk.subarray(at, at + PUBLISH_MESSAGE_BYTES) })) {
              await Promise.race([once(call, 'drain'), done])
            }
          }
        }
        call.end()
      } catch (err) {
        // The source failed (too large, cut off): make the service refuse the stream, and wait
        // for its answer so the caller knows nothing was kept.
        poison()
        await done.catch(() => {})
        call.cancel()
        throw err
      } finally {
        signal?.removeEventListener('abort', poison)
      }
      return done
    },
    readFile: (cid, range, options = {}) => openRead(cid, range, options),
    async manifest(cid, options = {}) {
      const timeout = options.timeoutMs ? AbortSignal.timeout(options.timeoutMs) : undefined
      const signals = [options.signal, timeout].filter((s): s is AbortSignal => s !== undefined)
      try {
        const res = await callUnary<{ manifest: Buffer }>(
          (cb) => client.GetManifest({ cid }, cb),
          signals.length > 0 ? AbortSignal.any(signals) : undefined,
        )
        return new Uint8Array(res.manifest.buffer, res.manifest.byteOffset, res.manifest.byteLength)
      } catch (err) {
        if (timeout?.aborted)
          throw new NotFoundError(`${cid} was not found in the swarm within ${options.timeoutMs! / 1000} s`)
        if (isNetSwarmError(err) && err.code === 'UNAVAILABLE' && reportedByService(err)) {
          throw new NotFoundError(err.message, { cause: err })
        }
        throw err
      }
    },
    async stat(cid, options = {}): Promise<FileInfo> {
      const body = await openRead(cid, { offset: 0, length: 1 }, options)
      await (body.data as AsyncGenerator<Uint8Array>).return(undefined)
      return body.info
    },
    async *fetch(cid, options = {}) {
      const call = client.Fetch({ cid, pin: options.pin ?? false, peers: [] })
      for await (const p of streamMessages<FetchProgress__Output>(call, options.signal)) yield fetchProgress(p)
    },
    async replicate(cid, replicationFactor, options = {}) {
      const res = await callUnary<{ holders: string[] }>(
        (cb) => client.Replicate({ cid, replicationFactor }, cb),
        options.signal,
      )
      return { holders: res.holders }
    },
    async listTransfers(includeFinished) {
      const res = await callUnary<{ transfers: TransferSummary__Output[] }>((cb) =>
        client.ListTransfers({ includeFinished }, cb),
      )
      return res.transfers.map(transferSummary)
    },
    async peerStats() {
      const res = await callUnary<{ peers: any[]; uploadSlots: number; uploadSlotsBusy: number }>((cb) =>
        client.PeerStats({}, cb),
      )
      return {
        uploadSlots: res.uploadSlots,
        uploadSlotsBusy: res.uploadSlotsBusy,
        peers: res.peers.map((p) => ({
          peerId: p.peerId,
          address: p.address,
          connected: p.connected,
          bytesIn: num(p.bytesIn),
          bytesOut: num(p.bytesOut),
          bytesInPerSecond: p.bytesInPerSecond,
          bytesOutPerSecond: p.bytesOutPerSecond,
          rttMs: p.rttMs,
          verificationFailures: p.verificationFailures,
        })),
      }
    },
  }
}

function reportedByService(err: NetSwarmError): boolean {
  const cause = err.cause as grpc.ServiceError | undefined
  return (cause?.metadata?.get('netswarm-code').length ?? 0) > 0
}

function fileInfo(info: FileInfo__Output): FileInfo {
  return { cid: info.cid, name: info.name, mediaType: info.mediaType, size: num(info.size), chunks: info.chunks }
}

function state(value: string): TransferState {
  const s = value.replace('TRANSFER_STATE_', '').toLowerCase()
  return (['resolving', 'downloading', 'done', 'failed', 'cancelled'] as const).find((k) => k === s) ?? 'unknown'
}

function fetchProgress(p: FetchProgress__Output): FetchProgress {
  return {
    transferId: p.transferId,
    cid: p.cid,
    name: p.name,
    state: state(String(p.state)),
    bytesReceived: num(p.bytesReceived),
    bytesTotal: num(p.bytesTotal),
    chunksReceived: p.chunksReceived,
    chunksTotal: p.chunksTotal,
    chunksLocal: p.chunksLocal,
    sources: p.sources,
    bytesPerSecond: p.bytesPerSecond,
    peers: p.peers.map(peerRate),
    error: p.error || undefined,
  }
}

/** Shared by Fetch progress and ListTransfers rows, which carry the same PeerRate message. */
function peerRate(r: PeerRate__Output): PeerRate {
  return {
    peerId: r.peerId,
    address: r.address,
    bytesReceived: num(r.bytesReceived),
    bytesPerSecond: r.bytesPerSecond,
    rttMs: r.rttMs,
    dropped: r.dropped,
  }
}

function transferSummary(t: TransferSummary__Output): TransferSummary {
  const kind = String(t.kind).replace('TRANSFER_KIND_', '').toLowerCase()
  return {
    transferId: t.transferId,
    cid: t.cid,
    name: t.name,
    kind: kind === 'fetch' || kind === 'replicate' || kind === 'publish' ? kind : 'unknown',
    state: state(String(t.state)),
    bytesDone: num(t.bytesDone),
    bytesTotal: num(t.bytesTotal),
    bytesPerSecond: t.bytesPerSecond,
    sources: t.sources,
    peers: t.peers.map(peerRate),
    startedAtMs: num(t.startedAtMs),
    finishedAtMs: num(t.finishedAtMs),
    error: t.error || undefined,
  }
}
