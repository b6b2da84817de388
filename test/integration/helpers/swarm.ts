import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import type { TestContext } from 'node:test'
import { fileURLToPath } from 'node:url'

export const BIN = fileURLToPath(new URL('../../../cli/bin/netswarm.mjs', import.meta.url))

/** The CLI's cache (backup file indexes) for this test process: never the user's ~/.cache. */
const CLI_CACHE_DIR = mkdtempSync(join(tmpdir(), 'netswarm-cli-cache-'))
process.on('exit', () => rmSync(CLI_CACHE_DIR, { recursive: true, force: true }))

/** One peer as `netswarm swarm --json` reports it. */
export interface SwarmPeer {
  peerId: string
  dhtAddress: string
  transferAddress: string
  gatewayUrl: string
  dataDir: string
  pid: number
  /** Fingerprint of the swarm key (private swarms only). */
  swarm?: string
}

export interface Swarm {
  process: ChildProcess
  root: string
  token: string
  peers: SwarmPeer[]
  /** The web console, when started with `console: true`. */
  console: { url: string; pid: number } | null
  /** The private swarm's key file (started with `--private`), else null. */
  swarmKeyFile: string | null
  /** SIGTERM (or `signal`) to the swarm; resolves with its exit code once it has exited. */
  stop(signal?: NodeJS.Signals): Promise<number | null>
  /** Sends `signal` to the swarm's whole process group (needs `ownProcessGroup`), as Ctrl-C does. */
  signalGroup(signal: NodeJS.Signals): Promise<number | null>
}

/** True while a process with this pid exists and is not a zombie (Linux /proc). */
export function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Field 3 (after the parenthesised command name) is the state; Z = exited, not yet reaped.
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z'
  } catch {
    return false
  }
}

/**
 * Starts `netswarm swarm --peers n` as a real child process on 127.0.0.1 with OS-chosen ports and
 * a temporary data directory, and waits for its ready line. The test's `after` stops it and
 * checks that neither it nor any peer is left running.
 */
export async function startSwarm(
  t: TestContext,
  n: number,
  env: Record<string, string> = {},
  options: { ownProcessGroup?: boolean; console?: boolean; args?: string[] } = {},
): Promise<Swarm> {
  // The console (a Next.js server) only where a test is about it: it costs a build and ~100 MB.
  const consoleArgs = options.console ? ['--console-port', '0'] : ['--no-console']
  const child = spawn(
    process.execPath,
    [
      BIN,
      'swarm',
      '--peers',
      String(n),
      '--port-base',
      '0',
      '--http-port',
      '0',
      ...consoleArgs,
      '--json',
      ...(options.args ?? []),
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      // Its own process group, like a command started from a shell: Ctrl-C reaches every member.
      detached: options.ownProcessGroup ?? false,
      env: { ...process.env, NETSWARM_LOG_LEVEL: process.env.NETSWARM_LOG_LEVEL ?? 'warn', ...env },
    },
  )
  const exited = once(child, 'exit').then(([code]) => code as number | null)
  type Ready = Pick<Swarm, 'root' | 'token' | 'peers' | 'console' | 'swarmKeyFile'>
  const ready = await new Promise<Ready>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! })
    lines.on('line', (line) => {
      if (!line.startsWith('{')) return
      const event = JSON.parse(line) as Ready & { event: string }
      if (event.event === 'swarm-ready') resolve(event)
    })
    exited.then((code) => reject(new Error(`netswarm swarm exited (${code}) before it was ready`)))
  })
  let stopped: Promise<number | null> | undefined
  const swarm: Swarm = {
    process: child,
    ...ready,
    stop(signal = 'SIGTERM') {
      if (!stopped) {
        if (child.exitCode === null && child.signalCode === null) child.kill(signal)
        stopped = exited
      }
      return stopped
    },
    signalGroup(signal) {
      if (!stopped) {
        process.kill(-child.pid!, signal)
        stopped = exited
      }
      return stopped
    },
  }
  t.after(async () => {
    await swarm.stop()
    const pids = [...swarm.peers.map((p) => p.pid), ...(swarm.console ? [swarm.console.pid] : [])]
    const left = pids.filter(isRunning)
    for (const pid of left) process.kill(pid, 'SIGKILL')
    if (left.length) throw new Error(`processes left running after the swarm stopped: ${left.join(', ')}`)
    if (existsSync(swarm.root)) throw new Error(`swarm left its temporary directory ${swarm.root}`)
  })
  return swarm
}

/** Runs the real CLI and collects its output. */
export function runCli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: Buffer; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, NETSWARM_GATEWAY: '', NETSWARM_TOKEN: '', NETSWARM_CACHE_DIR: CLI_CACHE_DIR, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const out: Buffer[] = []
    let err = ''
    child.stdout.on('data', (d: Buffer) => out.push(d))
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString()
    })
    child.on('error', reject)
    child.on('close', (code) => resolve({ code: code ?? -1, stdout: Buffer.concat(out), stderr: err }))
  })
}

/** Deterministic, incompressible-looking test bytes. */
export function testBytes(size: number, seed = 1): Buffer {
  const out = Buffer.alloc(size)
  let x = seed >>> 0 || 1
  for (let i = 0; i < size; i += 4) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    out.writeUInt32LE(x >>> 0, Math.min(i, size - 4))
  }
  return out
}
