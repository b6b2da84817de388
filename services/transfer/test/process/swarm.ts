import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { loadOrCreateIdentity } from '@netswarm/identity'
import { createTransferClient, type TransferClient } from '../../src/client.ts'

/**
 * Real-process peers for tests and benchmarks: each peer is a storage service process and a
 * transfer service process on 127.0.0.1 with its own temporary data directory (real LMDB).
 * Peers know each other through NETSWARM_TRANSFER_PEERS (no DHT process needed); identities are
 * created up front so every peer can be addressed as peerId@host:port before it starts.
 */
const ROOT = new URL('../../../..', import.meta.url).pathname

export interface ProcessPeer {
  name: string
  dataDir: string
  peerId: string
  wirePort: number
  address: string
  transferGrpc: string
  storageGrpc: string
  /** `host:port` of the peer's DHT wire listener when the swarm runs DHTs. */
  dhtWire: string
  client: TransferClient
  transfer: ChildProcess
  storage: ChildProcess
  dht: ChildProcess | undefined
  /** Lines the transfer process logged (parsed pino JSON from its stderr). */
  logs: Array<Record<string, unknown>>
  /** Resolves with the first transfer log line matching `predicate`. */
  waitForLog(predicate: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>
  /** SIGKILLs both processes and waits for them to exit. */
  kill(): Promise<void>
  /** Starts both processes again on the same data directory and ports. */
  restart(): Promise<void>
}

/** A peer whose identity and wire port are reserved but which is not started yet. */
export interface PlannedPeer {
  name: string
  dataDir: string
  peerId: string
  wirePort: number
  /** Address every listener of the peer binds and announces. @default 127.0.0.1 */
  host: string
  /** Network namespace to run the peer's processes in (benchmarks). */
  netns?: string
}

export interface SwarmOptions {
  /** Extra environment for every transfer process. */
  env?: Record<string, string>
  /**
   * Also run a DHT process per peer (bootstrapped from the first peer's DHT); transfer then finds
   * providers through it instead of a static peer list.
   */
  dht?: boolean
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

export function createProcessSwarm(t: { after(fn: () => Promise<void> | void): void }, options: SwarmOptions = {}) {
  const root = mkdtempSync(join(tmpdir(), 'netswarm-transfer-'))
  const peers: ProcessPeer[] = []
  t.after(async () => {
    await Promise.all(peers.map((p) => p.kill()))
    for (const p of peers) p.client?.close()
    rmSync(root, { recursive: true, force: true })
  })

  /** Reserves identities and ports for `n` peers; start them with `start`. */
  async function plan(n: number, where: { host?: string; netns?: string }[] = []) {
    const planned: PlannedPeer[] = []
    for (let i = 0; i < n; i++) {
      const name = `peer${peers.length + planned.length}`
      const dataDir = join(root, name)
      mkdirSync(dataDir, { recursive: true })
      const identity = await loadOrCreateIdentity(dataDir)
      const host = where[i]?.host ?? '127.0.0.1'
      planned.push({
        name,
        dataDir,
        peerId: identity.peerId.toString(),
        wirePort: await freePort(),
        host,
        netns: where[i]?.netns,
      })
    }
    return planned
  }

  async function start(p: PlannedPeer, knownPeers: string[], env: Record<string, string> = {}): Promise<ProcessPeer> {
    const logs: Array<Record<string, unknown>> = []
    const watchers = new Set<{
      predicate: (l: Record<string, unknown>) => boolean
      resolve: (l: Record<string, unknown>) => void
    }>()
    const peer = {
      ...p,
      address: `${p.peerId}@${p.host}:${p.wirePort}`,
      storageGrpc: '',
      transferGrpc: '',
      dhtWire: '',
      logs,
    } as unknown as ProcessPeer
    const launch = async () => {
      peer.storage = spawnService('storage', p.netns, {
        NETSWARM_STORAGE_DATA_DIR: join(p.dataDir, 'storage'),
        // Port 0 everywhere but the wire (peers must know it up front): no port can be taken meanwhile.
        NETSWARM_STORAGE_GRPC_LISTEN: `${p.host}:0`,
        NETSWARM_STORAGE_METRICS_LISTEN: `${p.host}:0`,
        NETSWARM_STORAGE_SYNC: 'committed',
        NETSWARM_STORAGE_GC_INTERVAL_SEC: '0',
      })
      peer.storageGrpc = String((await readyLine(peer.storage, 'storage ready')).grpc)
      let dhtGrpc: string | undefined
      if (options.dht) {
        peer.dhtWire ||= `${p.host}:${await freePort()}`
        const bootstrap = peers.find((q) => q.dhtWire && q !== peer)?.dhtWire ?? ''
        peer.dht = spawnService('dht', p.netns, {
          NETSWARM_DHT_DATA_DIR: p.dataDir,
          NETSWARM_DHT_LISTEN: peer.dhtWire,
          NETSWARM_DHT_GRPC_LISTEN: `${p.host}:0`,
          NETSWARM_DHT_METRICS_LISTEN: `${p.host}:0`,
          NETSWARM_DHT_SERVICE_ADDRESSES: `transfer=${p.host}:${p.wirePort}`,
          NETSWARM_DHT_BOOTSTRAP: bootstrap,
        })
        dhtGrpc = String((await readyLine(peer.dht, 'dht ready')).grpc)
      }
      peer.transfer = spawnService('transfer', p.netns, {
        NETSWARM_TRANSFER_DATA_DIR: p.dataDir,
        NETSWARM_TRANSFER_LISTEN: `${p.host}:${p.wirePort}`,
        NETSWARM_TRANSFER_GRPC_LISTEN: `${p.host}:0`,
        NETSWARM_TRANSFER_METRICS_LISTEN: `${p.host}:0`,
        NETSWARM_TRANSFER_STORAGE_GRPC: peer.storageGrpc,
        NETSWARM_TRANSFER_PEERS: options.dht ? '' : knownPeers.join(','),
        ...(dhtGrpc ? { NETSWARM_TRANSFER_DHT_GRPC: dhtGrpc } : {}),
        NETSWARM_TRANSFER_REPAIR_INTERVAL_SEC: '0',
        ...options.env,
        ...env,
      })
      peer.transfer.stdout?.resume()
      const lines = createInterface({ input: peer.transfer.stderr as NodeJS.ReadableStream })
      lines.on('line', (text) => {
        let line: Record<string, unknown>
        try {
          line = JSON.parse(text)
        } catch {
          return
        }
        logs.push(line)
        for (const w of [...watchers]) {
          if (w.predicate(line)) {
            watchers.delete(w)
            w.resolve(line)
          }
        }
      })
      peer.transferGrpc = String((await readyLine(peer.transfer, 'transfer ready', peer.waitForLog)).grpc)
      peer.client?.close()
      peer.client = createTransferClient(peer.transferGrpc)
    }
    peer.waitForLog = (predicate) => {
      const found = logs.find(predicate)
      if (found) return Promise.resolve(found)
      return new Promise((resolve) => watchers.add({ predicate, resolve }))
    }
    peer.kill = async () => {
      await Promise.all([stopProcess(peer.transfer), stopProcess(peer.storage), stopProcess(peer.dht)])
    }
    peer.restart = async () => {
      logs.length = 0
      await launch()
    }
    peers.push(peer)
    await launch()
    return peer
  }

  return {
    root,
    plan,
    start,
    /** Plans and starts `n` peers that all know each other. */
    async peers(n: number, env: Record<string, string> = {}): Promise<ProcessPeer[]> {
      const planned = await plan(n)
      const all = planned.map((p) => `${p.peerId}@${p.host}:${p.wirePort}`)
      return Promise.all(planned.map((p) => start(p, all, env)))
    },
    /** Writes `size` random bytes to a file under the swarm's directory. */
    randomFile(name: string, size: number): { path: string; bytes: Uint8Array } {
      const bytes = new Uint8Array(randomBytes(size))
      const path = join(root, name)
      writeFileSync(path, bytes)
      return { path, bytes }
    },
  }
}

function spawnService(
  service: 'storage' | 'transfer' | 'dht',
  netns: string | undefined,
  env: Record<string, string>,
): ChildProcess {
  const args = ['--import', 'tsx', join(ROOT, 'services', service, 'src', 'main.ts')]
  // `ip netns exec` execs node in place, so the child's pid is node's (for kill and /proc).
  const [command, argv] = netns ? ['ip', ['netns', 'exec', netns, process.execPath, ...args]] : [process.execPath, args]
  return spawn(command, argv, {
    cwd: ROOT,
    env: { ...process.env, NETSWARM_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}

/** Resolves with the line when the process logs `msg` (pino JSON on stderr); rejects if it exits first. */
function readyLine(
  child: ChildProcess,
  msg: string,
  waitForLog?: (p: (l: Record<string, unknown>) => boolean) => Promise<Record<string, unknown>>,
): Promise<Record<string, unknown>> {
  const tail: string[] = []
  const keepTail = (d: Buffer) => {
    tail.push(String(d))
    if (tail.length > 20) tail.shift()
  }
  child.stderr?.on('data', keepTail)
  return new Promise<Record<string, unknown>>((resolve, reject) => {
    const onExit = (code: number | null) =>
      reject(new Error(`${msg.split(' ')[0]} exited (${code}) before ready: ${tail.join('').slice(-2000)}`))
    child.once('exit', onExit)
    const done = (line: Record<string, unknown>) => {
      child.off('exit', onExit)
      child.stderr?.off('data', keepTail)
      resolve(line)
    }
    if (waitForLog) {
      void waitForLog((l) => l.msg === msg).then(done)
      return
    }
    // Services log pino JSON on stderr.
    child.stdout?.resume()
    const lines = createInterface({ input: child.stderr as NodeJS.ReadableStream })
    lines.on('line', (text) => {
      // Keep reading after ready: a full stdout pipe would block the service's logger.
      if (text.includes(`"msg":"${msg}"`)) done(JSON.parse(text))
    })
  })
}

async function stopProcess(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill('SIGKILL')
  await exited
}

/** Reads a whole file through a peer's transfer service. */
export async function readAll(client: TransferClient, cid: string): Promise<Uint8Array> {
  const parts: Uint8Array[] = []
  for await (const item of client.readFile(cid)) if ('data' in item) parts.push(item.data)
  return Buffer.concat(parts)
}
