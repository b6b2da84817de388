import { Counter, Gauge, type Registry } from '@netswarm/runtime'

/** Prometheus metrics of the transfer service (`netswarm_transfer_*`, base units). */
export interface TransferMetrics {
  bytesReceived: Counter<'peer'>
  bytesSent: Counter<'peer'>
  chunksReceived: Counter
  chunksSent: Counter
  verificationFailures: Counter<'peer'>
  activeTransfers: Gauge
  peerThroughput: Gauge<'peer'>
  uploadSlotsBusy: Gauge
}

/** Registers the transfer metrics on `registry` (a fresh private registry when omitted). */
export function createTransferMetrics(registry?: Registry): TransferMetrics {
  const registers = registry ? [registry] : []
  return {
    bytesReceived: new Counter({
      name: 'netswarm_transfer_bytes_received_total',
      help: 'Verified chunk bytes received from peers',
      labelNames: ['peer'],
      registers,
    }),
    bytesSent: new Counter({
      name: 'netswarm_transfer_bytes_sent_total',
      help: 'Chunk bytes served to peers',
      labelNames: ['peer'],
      registers,
    }),
    chunksReceived: new Counter({
      name: 'netswarm_transfer_chunks_received_total',
      help: 'Verified chunks received from peers',
      registers,
    }),
    chunksSent: new Counter({ name: 'netswarm_transfer_chunks_sent_total', help: 'Chunks served to peers', registers }),
    verificationFailures: new Counter({
      name: 'netswarm_transfer_verification_failures_total',
      help: 'Chunks from peers whose bytes did not match their CID (never stored)',
      labelNames: ['peer'],
      registers,
    }),
    activeTransfers: new Gauge({
      name: 'netswarm_transfer_active_transfers',
      help: 'Downloads in progress',
      registers,
    }),
    peerThroughput: new Gauge({
      name: 'netswarm_transfer_peer_throughput_bytes_per_second',
      help: 'Moving average of the download rate from each peer',
      labelNames: ['peer'],
      registers,
    }),
    uploadSlotsBusy: new Gauge({
      name: 'netswarm_transfer_upload_slots_busy',
      help: 'Upload slots serving a chunk right now',
      registers,
    }),
  }
}
