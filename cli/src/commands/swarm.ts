import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { SwarmKey } from '@netswarm/wire'
import { CliError, EXIT } from '../exit-codes.ts'
import { PORTS_PER_PEER } from '../peer/ports.ts'
import type { PeerReady } from './node.ts'
import { readSwarmKeyFile } from './swarm-key.ts'

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
  /** Web console port; `0` = any free port. */
  consolePort: string
  /** false with --no-console. */
  console: boolean
  json?: boolean
  /** Make a secret for this swarm (`<dir>/swarm.key`, reused when it exists). */
  private?: boolean
  /** Use this existing secret (implies private). */
  swarmKeyFile?: string
}

/** The part of web/scripts/console.mjs's RunningConsole the swarm uses. */
interface RunningConsole {
  url: string
  process: ChildProcess
  stop(): Promise<void>
}

interface RunningChild {
  index: number
  child: ChildProcess
  exited: Promise<void>
}

/**
 * `netswarm swarm --peers N`: N full peers on this machine, each a `netswarm node` child process
 * with its own data directory and ports, all bootstrapping from the first, with LAN discovery off
 * (so separate local swarms never merge). Peers find each other's transfer listeners through the
 * DHT (`transfer=host:port` tags), so there is no static peer list. Once all are ready it starts
 * the web console (web/scripts/console.mjs) unless `--no-console`. SIGINT/SIGTERM stop the console
 * and every child (SIGTERM, then SIGKILL after a grace period) and remove a temporary directory.
 * Peers also exit when this process dies, because they watch the stdin pipe we hold.
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
  const consolePort = Number(options.consolePort)
  if (!Number.isInteger(consolePort) || consolePort < 0 || consolePort > 65535) {
    throw new CliError('--console-port must be a port number (0 = any free port)', EXIT.USAGE)
  }
  const temporary = options.dir === undefined
  const root = temporary ? await mkdtemp(join(tmpdir(), 'netswarm-swarm-')) : resolve(options.dir!)
  await mkdir(root, { recursive: true })
  const swarmKeyFile = await privateSwarmKey(options, root)
  // One token for the whole local swarm, so one NETSWARM_TOKEN works on every gateway.
  const token = process.env.NETSWARM_GATEWAY_TOKEN ?? randomBytes(24).toString('base64url')
  const children: RunningChild[] = []
  let consoleServer: RunningConsole | undefined
  let stopping = false

  const stopAll = async (code: number) => {
    if (stopping) return
    stopping = true
    await Promise.all([consoleServer?.stop(), ...children.map(stopChild)])
    if (temporary) await rm(root, { recursive: true, force: true })
    process.exit(code)
  }
  // Replace the CLI's default "exit at once" handler: the children must be stopped first.
  process.removeAllListeners('SIGINT')
  process.on('SIGINT', () => void stopAll(0))
  process.on('SIGTERM', () => void stopAll(0))

  // With --port-base 0 every peer binds OS-chosen ports; the DHT carries each one's transfer port.
  const start = (index: number, bootstrap: string[]) =>
    startChild(index, {
      dataDir: join(root, `peer-${index}`),
      portBase: portBase === 0 ? 0 : portBase + PORTS_PER_PEER * index,
      httpPort: httpPort === 0 ? 0 : httpPort + index,
      bootstrap,
      token,
      swarmKeyFile,
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
  if (options.console) {
    try {
      consoleServer = await startWebConsole(
        ready.map((p) => p.gatewayUrl),
        consolePort,
      )
    } catch (err) {
      process.stderr.write(`netswarm swarm: console: ${(err as Error).message}\n`)
      await stopAll(EXIT.FAILURE)
      return
    }
    consoleServer.process.once('exit', (code, signal) => {
      if (stopping) return
      // Ctrl-C in a terminal reaches the console too, and it may exit before our own handler runs.
      if (code === 0 || signal === 'SIGINT' || signal === 'SIGTERM') return void stopAll(0)
      process.stderr.write(`netswarm swarm: the console exited (${code ?? signal}); stopping the swarm\n`)
      void stopAll(EXIT.FAILURE)
    })
  }
  const consoleUrl = consoleServer?.url
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify({ event: 'swarm-ready', root, token, swarmKeyFile: swarmKeyFile ?? null, peers: ready, console: consoleUrl ? { url: consoleUrl, pid: consoleServer!.process.pid } : null })}\n`,
    )
  } else {
    process.stdout.write(`local swarm of ${count} peer${count > 1 ? 's' : ''} is up (data in ${root})\n`)
    for (const [i, p] of ready.entries()) process.stdout.write(`  peer ${i}  ${p.gatewayUrl}  ${p.peerId}\n`)
    if (consoleUrl) process.stdout.write(`console: ${consoleUrl}\n`)
    if (swarmKeyFile) {
      process.stdout.write(
        `private swarm: key ${swarmKeyFile} (fingerprint ${ready[0].swarm}); join with --swarm-key-file\n`,
      )
    }
    process.stdout.write(`token: ${token}\n`)
    process.stdout.write(
      `try: NETSWARM_TOKEN=${token} netswarm add <file> -g ${ready[0].gatewayUrl}\n` +
        `     netswarm fetch <cid> -g ${ready[ready.length - 1].gatewayUrl}\n` +
        `Ctrl-C stops every peer${consoleUrl ? ' and the console' : ''}.\n`,
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
    token: string
    swarmKeyFile?: string
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
    '--no-lan',
    '--ready-json',
    '--exit-with-stdin',
    ...(options.bootstrap.length ? ['--bootstrap', ...options.bootstrap] : []),
    ...(options.swarmKeyFile ? ['--swarm-key-file', options.swarmKeyFile] : []),
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

/**
 * The key file of a private local swarm: `--swarm-key-file` (checked now, so a bad file fails
 * before any peer starts), or with `--private` `<root>/swarm.key`, made (mode 0600) unless it exists.
 */
async function privateSwarmKey(options: SwarmOptions, root: string): Promise<string | undefined> {
  if (options.swarmKeyFile !== undefined) {
    const path = resolve(options.swarmKeyFile)
    readSwarmKeyFile(path)
    return path
  }
  if (!options.private) return undefined
  const path = join(root, 'swarm.key')
  await writeFile(path, `${SwarmKey.generate().toText()}\n`, { mode: 0o600, flag: 'wx' }).catch(
    (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EEXIST') throw err
    },
  )
  readSwarmKeyFile(path)
  return path
}

async function stopChild({ child, exited }: RunningChild): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS)
  await exited
  clearTimeout(timer)
}

/**
 * Builds the console when its sources are newer than the last build (about a minute), then starts
 * `next start` serving the peers' gateways. Loaded only here: `--no-console` never touches web/.
 */
async function startWebConsole(gateways: string[], port: number): Promise<RunningConsole> {
  const web = await import('../../../web/scripts/console.mjs')
  await web.ensureBuild({ log: (line) => process.stdout.write(`console: ${line}\n`) })
  return web.startConsole({ gateways, port })
}
