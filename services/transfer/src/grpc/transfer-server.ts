import { once } from 'node:events'
import { createReadStream } from 'node:fs'
import { callSignal, type grpc, InvalidArgumentError, toGrpcError, unary } from '@netswarm/runtime'
import type { TransferEngine } from '../engine.ts'
import type { FetchSnapshot } from '../fetch/fetcher.ts'
import { parseStaticPeers } from '../routing/static-router.ts'
import type { ClientStream, In, ServerStream, Unary } from './proto-types.ts'

const STATE = {
  resolving: 'TRANSFER_STATE_RESOLVING',
  downloading: 'TRANSFER_STATE_DOWNLOADING',
  done: 'TRANSFER_STATE_DONE',
  failed: 'TRANSFER_STATE_FAILED',
  cancelled: 'TRANSFER_STATE_CANCELLED',
} as const
const KIND = {
  fetch: 'TRANSFER_KIND_FETCH',
  replicate: 'TRANSFER_KIND_REPLICATE',
  publish: 'TRANSFER_KIND_PUBLISH',
} as const

/** Maps the TransferService RPCs onto the engine: proto ⇄ domain, nothing else. */
export function createTransferHandlers(engine: TransferEngine): grpc.UntypedServiceImplementation {
  const fetch: ServerStream<'FetchRequest', 'FetchProgress'> = (call) => {
    const signal = callSignal(call)
    void (async () => {
      try {
        for await (const s of engine.fetch(call.request.cid, {
          pin: call.request.pin,
          peers: parseStaticPeers(call.request.peers),
          signal,
        })) {
          if (!call.write(toProgress(s))) await once(call, 'drain')
        }
        call.end()
      } catch (err) {
        if (!signal.aborted) call.emit('error', toGrpcError(err))
      }
    })()
  }

  const readFile: ServerStream<'ReadFileRequest', 'ReadFileResponse'> = (call) => {
    const signal = callSignal(call)
    void (async () => {
      try {
        const { cid, offset, length } = call.request
        for await (const item of engine.readFile(cid, { offset: Number(offset), length: Number(length), signal })) {
          const msg: In<'ReadFileResponse'> =
            'info' in item
              ? { info: { ...item.info, size: String(item.info.size) } }
              : { data: item.data, offset: String(item.offset) }
          // Backpressure: one chunk in memory at a time, whatever the file size.
          if (!call.write(msg)) await once(call, 'drain')
        }
        call.end()
      } catch (err) {
        if (!signal.aborted) call.emit('error', toGrpcError(err))
      }
    })()
  }

  const getManifest: Unary<'GetManifestRequest', 'GetManifestResponse'> = unary(async (req, call) => {
    const { bytes, info } = await engine.getManifest(req.cid, { signal: callSignal(call) })
    return { manifest: bytes, info: { ...info, size: String(info.size) } }
  })

  const publish: ClientStream<'PublishRequest', 'PublishResponse'> = (call, callback) => {
    let header: In<'PublishHeader'> | undefined
    // A cancelled client stream ends the iteration like a complete one: it must publish nothing.
    const signal = callSignal(call)
    const data = (async function* () {
      for await (const req of call as AsyncIterable<{
        header?: In<'PublishHeader'> | null
        data?: Buffer
        body?: string
      }>) {
        signal.throwIfAborted()
        if (req.body === 'header' && req.header) {
          if (header) throw new InvalidArgumentError('PublishRequest.header sent twice')
          header = req.header
          continue
        }
        if (!header) throw new InvalidArgumentError('the first PublishRequest must carry the header')
        if (header.path) throw new InvalidArgumentError('send either a header path or data messages, not both')
        if (req.data && req.data.length > 0) yield new Uint8Array(req.data.buffer, req.data.byteOffset, req.data.length)
      }
      signal.throwIfAborted()
    })()
    void (async () => {
      try {
        // The header arrives first; peek it before choosing the source.
        const first = await data.next()
        if (!header) throw new InvalidArgumentError('the first PublishRequest must carry the header')
        const h = header as In<'PublishHeader'>
        const source = h.path
          ? (createReadStream(h.path, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Uint8Array>)
          : (async function* () {
              if (!first.done) yield first.value
              yield* data
            })()
        const result = await engine.publish(source, {
          name: h.name || (h.path ? (h.path.split('/').pop() ?? 'file') : 'file'),
          mediaType: h.mediaType || undefined,
          replicationFactor: h.replicationFactor ?? 0,
          pin: !h.noPin,
          signal,
        })
        callback(null, {
          cid: result.cid.toString(),
          size: String(result.size),
          chunks: result.chunks,
          replicasRequested: [],
        })
      } catch (err) {
        callback(toGrpcError(err))
      }
    })()
  }

  const replicate: Unary<'ReplicateRequest', 'ReplicateResponse'> = unary(async (req, call) => {
    const signal = callSignal(call)
    await engine.fetchFile(req.cid, { pin: true, signal })
    if (req.replicationFactor > 0) {
      const { parseCid } = await import('@netswarm/content')
      const round = await engine.replicator.ensureReplicas(parseCid(req.cid), req.replicationFactor)
      return { cid: req.cid, holders: [...round.holders, ...round.requested] }
    }
    return { cid: req.cid, holders: [engine.peerId] }
  })

  const listTransfers: Unary<'ListTransfersRequest', 'ListTransfersResponse'> = unary(async (req) => ({
    transfers: engine.listTransfers(req.includeFinished).map((t) => ({
      transferId: t.transferId,
      cid: t.cid,
      name: t.name,
      kind: KIND[t.kind],
      state: STATE[t.state],
      bytesDone: String(t.bytesDone),
      bytesTotal: String(t.bytesTotal),
      bytesPerSecond: t.bytesPerSecond,
      sources: t.sources,
      startedAtMs: String(t.startedAt),
      finishedAtMs: String(t.finishedAt ?? 0),
      error: t.error ?? '',
      peers: toPeerRates(t.peers),
    })),
  }))

  const peerStats: Unary<'PeerStatsRequest', 'PeerStatsResponse'> = unary(async () => {
    const stats = engine.peerStats()
    return {
      uploadSlots: stats.uploadSlots,
      uploadSlotsBusy: stats.uploadSlotsBusy,
      peers: stats.peers.map((p) => ({
        peerId: p.peerId,
        address: p.address,
        connected: p.connected,
        bytesIn: String(p.bytesIn),
        bytesOut: String(p.bytesOut),
        chunksIn: String(p.chunksIn),
        chunksOut: String(p.chunksOut),
        bytesInPerSecond: p.bytesInPerSecond,
        bytesOutPerSecond: p.bytesOutPerSecond,
        rttMs: p.rttMs,
        verificationFailures: p.verificationFailures,
      })),
    }
  })

  return {
    Fetch: fetch,
    ReadFile: readFile,
    GetManifest: getManifest,
    Publish: publish,
    Replicate: replicate,
    ListTransfers: listTransfers,
    PeerStats: peerStats,
  } as grpc.UntypedServiceImplementation
}

function toProgress(s: FetchSnapshot): In<'FetchProgress'> {
  return {
    cid: s.cid,
    transferId: s.transferId ?? '',
    state: STATE[s.state],
    name: s.name,
    mediaType: s.mediaType,
    bytesReceived: String(s.bytesDone),
    bytesTotal: String(s.bytesTotal),
    chunksReceived: s.chunksDone,
    chunksTotal: s.chunksTotal,
    chunksLocal: s.chunksLocal,
    sources: s.sources,
    bytesPerSecond: s.bytesPerSecond,
    verificationFailures: s.verificationFailures,
    error: s.error ?? '',
    peers: toPeerRates(s.peers),
  }
}

/** One PeerRate per source of a download; shared by Fetch progress and ListTransfers. */
function toPeerRates(peers: FetchSnapshot['peers']): In<'PeerRate'>[] {
  return peers.map((p) => ({
    peerId: p.peerId,
    address: p.address,
    bytesReceived: String(p.bytesReceived),
    chunksReceived: p.chunksReceived,
    bytesPerSecond: p.bytesPerSecond,
    rttMs: p.rttMs,
    outstanding: p.outstanding,
    pipelineDepth: p.pipelineDepth,
    strikes: p.strikes,
    dropped: p.dropped,
  }))
}
