/** Starts DHT services as real child processes on 127.0.0.1 and waits on their stdout milestones. */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url))

export interface DhtProcess {
  child: ChildProcess
  wire: string
  grpc: string
  /** Resolves on the `bootstrapped` line. */
  bootstrapped: Promise<void>
  /** Resolves when the process has exited. */
  exited: Promise<void>
}

/** Spawns one DHT process; resolves once it printed its `ready` line. */
export function startDhtProcess(dataDir: string, env: Record<string, string>): Promise<DhtProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: {
      ...process.env,
      NETSWARM_DHT_DATA_DIR: dataDir,
      NETSWARM_DHT_LISTEN: '127.0.0.1:0',
      NETSWARM_DHT_GRPC_LISTEN: '127.0.0.1:0',
      NETSWARM_DHT_METRICS_LISTEN: '127.0.0.1:0',
      NETSWARM_LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return new Promise((resolve, reject) => {
    let markBootstrapped: () => void = () => {}
    const bootstrapped = new Promise<void>((r) => {
      markBootstrapped = r
    })
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })
    lines.on('line', (line) => {
      let msg: { event?: string; wire?: string; grpc?: string }
      try {
        msg = JSON.parse(line)
      } catch {
        return
      }
      if (msg.event === 'ready')
        resolve({ child, wire: msg.wire as string, grpc: msg.grpc as string, bootstrapped, exited })
      if (msg.event === 'bootstrapped') markBootstrapped()
    })
    child.once('exit', (code) => reject(new Error(`dht process exited early with code ${code}`)))
  })
}

/** A temp dir plus every process started in it; `stop()` kills them (by pid) and removes the dir. */
export function createProcessGroup(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  const processes: DhtProcess[] = []
  return {
    dir,
    processes,
    async start(name: string, env: Record<string, string>): Promise<DhtProcess> {
      const p = await startDhtProcess(join(dir, name), env)
      processes.push(p)
      return p
    },
    async stop(): Promise<void> {
      for (const p of processes) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL')
      await Promise.all(processes.map((p) => p.exited))
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
