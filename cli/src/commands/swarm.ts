import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { CliError, EXIT } from '../exit-codes.ts'
import { PORTS_PER_PEER, pickPortBase } from '../peer/ports.ts'
import type { PeerReady } from './node.ts'

const BIN = fileURLToPath(new URL('../../bin/netswarm.mjs', import.meta.url))
/** Most peers a local swarm starts (ports and memory). */
const MAX_PEERS = 32
/** A peer gets this long to stop after SIGTERM before it is killed. */
const STOP_GRACE_MS = 10_000
/** A peer that has not said "ready" by then is reported as failed. */
const READY_TIMEOUT_MS = 60_000

export interface SwarmOptions {
  peers: string
  dir?: string
  portBase: string
  httpPort: string
  json?: boolean
}

interface RunningChild {
  index: number
  child: ChildProcess
  exited: Promise<void>
}

/**
 * `netswarm swarm --peers N`: N full peers on this machine, each a `netswarm node` child process
 * with its own data directory and ports, all bootstrapping from the first. SIGINT/SIGTERM stop
 * every child (SIGTERM, then SIGKILL after a grace period) and remove a temporary directory.
 * Children also exit when this process dies, because they watch the stdin pipe we hold.
 */
export async function swarmCommand(options: SwarmOptions): Promise<void> {
  const count = Number(options.peers)
  const portBase = Number(options.portBase)
  const httpPort = Number(options.httpPort)
  if (!Number.isInteger(count) || count < 1 || count > MAX_PEERS) {
    throw new CliError(`--peers must be from 1 to ${MAX_PEERS}`, EXIT.USAGE)
  }
  if (
    !Number.isInteger(portBase) ||
    (portBase !== 0 && (portBase < 1024 || portBase + PORTS_PER_PEER * count > 65535))
  ) {
    throw new CliError('--port-base must be 0 (any free ports) or leave room for 10 ports per peer', EXIT.USAGE)
  }
  if (!Number.isInteger(httpPort) || httpPort < 0 || httpPort + count > 65535) {
    throw new CliError('--http-port must be a port number', EXIT.USAGE)
  }
  const temporary = options.dir === undefined
  const root = temporary ? await mkdtemp(join(tmpdir(), 'netswarm-swarm-')) : resolve(options.dir!)
  await mkdir(root, { recursive: true })
  // One token for the whole local swarm, so one NETSWARM_TOKEN works on every gateway.
  const token = process.env.NETSWARM_GATEWAY_TOKEN ?? randomBytes(24).toString('base64url')
  const children: RunningChild[] = []
  let stopping = false

  const stopAll = async (code: number) => {
    if (stopping) return
    stopping = true
    await Promise.all(children.map(stopChild))
    if (temporary) await rm(root, { recursive: true, force: true })
    process.exit(code)
  }
  // Replace the CLI's default "exit at once" handler: the children must be stopped first.
  process.removeAllListeners('SIGINT')
  process.on('SIGINT', () => void stopAll(0))
  process.on('SIGTERM', () => void stopAll(0))

  // Fixed ports for every peer, so each can list the others' transfer addresses as static peers:
  // the swarm is wired even before (and besides) DHT provider lookups. With --port-base 0 a free
  // block is picked below the ephemeral range.
  // TODO(dht/transfer): the static list can go once the DHT advertises `transfer=host:port`.
  const base = portBase === 0 ? await pickPortBase(count) : portBase
  const transferPorts = Array.from({ length: count }, (_, i) => base + PORTS_PER_PEER * i + 1)
  const transferPeers = transferPorts.map((p) => `127.0.0.1:${p}`)
  const start = (index: number, bootstrap: string[]) =>
    startChild(index, {
      transferPort: transferPorts[index],
      transferPeers,
      dataDir: join(root, `peer-${index}`),
      portBase: base + PORTS_PER_PEER * index,
      httpPort: httpPort === 0 ? 0 : httpPort + index,
      bootstrap,
      token,
      children,
      onUnexpectedExit: (code) => {
        if (stopping) return
        process.stderr.write(`netswarm swarm: peer ${index} exited (${code}); stopping the swarm\n`)
        void stopAll(EXIT.FAILURE)
      },
    })

  let ready: PeerReady[]
  try {
    const first = await start(0, [])
    const rest = await Promise.all(Array.from({ length: count - 1 }, (_, i) => start(i + 1, [first.dhtAddress])))
    ready = [first, ...rest]
  } catch (err) {
    process.stderr.write(`netswarm swarm: ${(err as Error).message}\n`)
    await stopAll(EXIT.FAILURE)
    return
  }
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ event: 'swarm-ready', root, token, peers: ready })}\n`)
  } else {
    process.stdout.write(`local swarm of ${count} peer${count > 1 ? 's' : ''} is up (data in ${root})\n`)
    for (const [i, p] of ready.entries()) process.stdout.write(`  peer ${i}  ${p.gatewayUrl}  ${p.peerId}\n`)
    process.stdout.write(`token: ${token}\n`)
    process.stdout.write(
      `try: NETSWARM_TOKEN=${token} netswarm add <file> -g ${ready[0].gatewayUrl}\n` +
        `     netswarm fetch <cid> -g ${ready[ready.length - 1].gatewayUrl}\n` +
        'Ctrl-C stops every peer.\n',
    )
  }
  // Stay alive until a signal: the children keep the event loop busy.
}

function startChild(
  index: number,
  options: {
    dataDir: string
    portBase: number
    httpPort: number
    bootstrap: string[]
    transferPort: number
    transferPeers: string[]
    token: string
    children: RunningChild[]
    onUnexpectedExit: (code: number | string) => void
  },
): Promise<PeerReady> {
  const args = [
    BIN,
    'node',
    '--data-dir',
    options.dataDir,
    '--port-base',
    String(options.portBase),
    '--http-port',
    String(options.httpPort),
    '--transfer-port',
    String(options.transferPort),
    '--peers',
    ...options.transferPeers,
    '--ready-json',
    '--exit-with-stdin',
    ...(options.bootstrap.length ? ['--bootstrap', ...options.bootstrap] : []),
  ]
  const child = spawn(process.execPath, args, {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: {
      ...process.env,
      NETSWARM_GATEWAY_TOKEN: options.token,
      NETSWARM_LOG_LEVEL: process.env.NETSWARM_LOG_LEVEL ?? 'warn',
    },
  })
  const exited = once(child, 'exit').then(() => undefined)
  options.children.push({ index, child, exited })
  return new Promise<PeerReady>((resolveReady, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`peer ${index} did not become ready in ${READY_TIMEOUT_MS / 1000} s`)),
      READY_TIMEOUT_MS,
    )
    let readyYet = false
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!readyYet && line.startsWith('{')) {
        try {
          const event = JSON.parse(line) as PeerReady & { event: string }
          if (event.event === 'ready') {
            readyYet = true
            clearTimeout(timer)
            resolveReady(event)
            return
          }
        } catch {
          // Not our JSON line: pass it through.
        }
      }
      process.stdout.write(`[peer ${index}] ${line}\n`)
    })
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      if (!readyYet) reject(new Error(`peer ${index} exited before it was ready (${code ?? signal})`))
      else options.onUnexpectedExit(code ?? signal ?? 'unknown')
    })
  })
}

async function stopChild({ child, exited }: RunningChild): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS)
  await exited
  clearTimeout(timer)
}
