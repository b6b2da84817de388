/** Debian's Prometheus server, started by a test with a temp config and data dir. */
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { closeSync, mkdirSync, openSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { setTimeout as delay } from 'node:timers/promises'

export interface ScrapeTarget {
  address: string
  labels: Record<string, string>
}

export interface Prometheus {
  url: string
  process: ChildProcess
  logFile: string
  /** Instant query; returns the result vector. */
  query(expr: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]>
  targets(): Promise<{ labels: Record<string, string>; health: string; lastError: string }[]>
  stop(): Promise<void>
}

async function freePort(): Promise<number> {
  const server = createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const port = (server.address() as { port: number }).port
  server.close()
  await once(server, 'close')
  return port
}

/**
 * Polls `fn` until it returns a value (not undefined) or `timeoutMs` passes. Only for external
 * systems that offer no event to wait on (Prometheus' scrapes, a kubelet's probes).
 */
export async function until<T>(
  what: string,
  fn: () => Promise<T | undefined>,
  timeoutMs: number,
  everyMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let last: unknown
  for (;;) {
    try {
      const v = await fn()
      if (v !== undefined) return v
    } catch (err) {
      last = err
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`)
    await delay(everyMs)
  }
}

export async function startPrometheus(dir: string, jobName: string, targets: ScrapeTarget[]): Promise<Prometheus> {
  mkdirSync(join(dir, 'data'), { recursive: true })
  const config = {
    global: { scrape_interval: '1s', scrape_timeout: '900ms', evaluation_interval: '1s' },
    scrape_configs: [
      {
        job_name: jobName,
        static_configs: targets.map((t) => ({ targets: [t.address], labels: t.labels })),
      },
    ],
  }
  // JSON is YAML: no serializer needed.
  writeFileSync(join(dir, 'prometheus.yml'), JSON.stringify(config, null, 2))
  const port = await freePort()
  const logFile = join(dir, 'prometheus.log')
  const fd = openSync(logFile, 'a')
  const child = spawn(
    'prometheus',
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--web.enable-lifecycle',
    ],
    { stdio: ['ignore', fd, fd] },
  )
  closeSync(fd)
  const exited = once(child, 'exit')
  const url = `http://127.0.0.1:${port}`
  const api = async (path: string) => {
    const res = await fetch(`${url}${path}`)
    const body = (await res.json()) as { status: string; data: unknown; error?: string }
    if (body.status !== 'success') throw new Error(`prometheus ${path}: ${body.error}`)
    return body.data
  }
  const prom: Prometheus = {
    url,
    process: child,
    logFile,
    async query(expr) {
      const data = (await api(`/api/v1/query?query=${encodeURIComponent(expr)}`)) as {
        result: { metric: Record<string, string>; value: [number, string] }[]
      }
      return data.result
    },
    async targets() {
      const data = (await api('/api/v1/targets?state=active')) as {
        activeTargets: { labels: Record<string, string>; health: string; lastError: string }[]
      }
      return data.activeTargets
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      await exited
    },
  }
  try {
    await until('prometheus to be ready', async () => ((await fetch(`${url}/-/ready`)).ok ? true : undefined), 30_000)
  } catch (err) {
    await prom.stop()
    throw err
  }
  return prom
}
