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

/** `base` 0 means every port is chosen by the OS (tests, several swarms on one machine). */
export function peerPorts(base: number, http: number): PeerPorts {
  if (base === 0) {
    return {
      dhtWire: 0,
      transferWire: 0,
      dhtGrpc: 0,
      storageGrpc: 0,
      transferGrpc: 0,
      dhtMetrics: 0,
      storageMetrics: 0,
      transferMetrics: 0,
      http,
    }
  }
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

/** Fixed-port blocks are chosen below Linux's ephemeral range (32768+), which the kernel hands out. */
const BLOCK_RANGE = { low: 10_000, high: 32_000 }

/**
 * A base for `count` consecutive port blocks whose ports are all free right now, chosen at random
 * below the ephemeral range: ports the kernel gives to other processes (port 0, outgoing
 * connections) can then never collide with them between this check and the peers binding.
 */
export async function pickPortBase(count: number, host = '127.0.0.1'): Promise<number> {
  const span = count * PORTS_PER_PEER
  for (let attempt = 0; attempt < 50; attempt++) {
    const slots = Math.floor((BLOCK_RANGE.high - BLOCK_RANGE.low - span) / PORTS_PER_PEER)
    const base = BLOCK_RANGE.low + PORTS_PER_PEER * Math.floor(Math.random() * slots)
    let free = true
    for (let port = base; port < base + span && free; port++) free = await canBind(host, port)
    if (free) return base
  }
  throw new Error(`no free block of ${span} ports between ${BLOCK_RANGE.low} and ${BLOCK_RANGE.high}`)
}

async function canBind(host: string, port: number): Promise<boolean> {
  const { createServer } = await import('node:net')
  const server = createServer()
  const ok = await new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false))
    server.listen(port, host, () => resolve(true))
  })
  if (ok) await new Promise<void>((resolve) => server.close(() => resolve()))
  return ok
}
