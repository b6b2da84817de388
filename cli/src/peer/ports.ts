/**
 * Port layout of one peer started by `netswarm node`: ten consecutive ports from `base`, so a
 * local swarm gives peer i the block `base + 10 * i` and nothing collides.
 */
export interface PeerPorts {
  /** DHT wire protocol (other peers). */
  dhtWire: number
  /** Transfer wire protocol (other peers). */
  transferWire: number
  dhtGrpc: number
  storageGrpc: number
  transferGrpc: number
  dhtMetrics: number
  storageMetrics: number
  transferMetrics: number
  /** Gateway HTTP (users): chosen separately, 8080 by default. */
  http: number
}

/** Ports each peer reserves from its base. */
export const PORTS_PER_PEER = 10

export function peerPorts(base: number, http: number): PeerPorts {
  return {
    dhtWire: base,
    transferWire: base + 1,
    dhtGrpc: base + 2,
    storageGrpc: base + 3,
    transferGrpc: base + 4,
    dhtMetrics: base + 5,
    storageMetrics: base + 6,
    transferMetrics: base + 7,
    http,
  }
}
