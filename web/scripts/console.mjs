// Building and starting the console (Next.js) from Node: used by scripts/start.mjs (`npm start`)
// and by the browser tests (test/e2e). Plain ESM so it runs without tsx.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

/** The web/ folder. */
export const WEB_DIR = fileURLToPath(new URL('..', import.meta.url))
const NEXT_BIN = createRequire(join(WEB_DIR, 'package.json')).resolve('next/dist/bin/next')
/** Sources whose change makes a build stale. */
const SOURCES = ['app', 'src', 'next.config.mjs', 'package.json', 'tsconfig.json']
/** How long `next start` may take to say it is ready. */
const START_TIMEOUT_MS = 60_000

function newestMtime(path) {
  const st = statSync(path)
  if (!st.isDirectory()) return st.mtimeMs
  let newest = st.mtimeMs
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)))
  return newest
}

/** True when `.next` holds a production build newer than every source file. */
export function buildIsFresh() {
  const id = join(WEB_DIR, '.next', 'BUILD_ID')
  if (!existsSync(id)) return false
  const built = statSync(id).mtimeMs
  return SOURCES.every((s) => !existsSync(join(WEB_DIR, s)) || newestMtime(join(WEB_DIR, s)) <= built)
}

/** Runs `next build` unless the last build is fresh; rejects with the build's output on failure. */
export async function ensureBuild({ log = () => {} } = {}) {
  if (buildIsFresh()) return false
  log('building the console (next build)...')
  const child = spawn(process.execPath, [NEXT_BIN, 'build'], {
    cwd: WEB_DIR,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (d) => (output += d))
  child.stderr.on('data', (d) => (output += d))
  const [code] = await once(child, 'exit')
  if (code !== 0) throw new Error(`next build failed (exit ${code}):\n${output.slice(-4000)}`)
  return true
}

/** A free TCP port on `host` (the OS picks it; tiny race until Next binds it). */
export async function freePort(host = '127.0.0.1') {
  const server = createServer()
  server.listen(0, host)
  await once(server, 'listening')
  const { port } = server.address()
  server.close()
  await once(server, 'close')
  return port
}

/**
 * Starts `next start` for the built console, serving `gateways` (base URLs, one per peer).
 * Resolves once Next says it is ready, with its URL and a `stop()` that ends it.
 */
export async function startConsole({ gateways, host = '127.0.0.1', port = 0, env = {} }) {
  const bound = port || (await freePort(host))
  const child = spawn(process.execPath, [NEXT_BIN, 'start', '-H', host, '-p', String(bound)], {
    cwd: WEB_DIR,
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: '1',
      NODE_ENV: 'production',
      NETSWARM_CONSOLE_GATEWAYS: gateways.join(','),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const exited = once(child, 'exit')
  let output = ''
  child.stderr.on('data', (d) => (output += d))
  await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`next start not ready in ${START_TIMEOUT_MS} ms:\n${output}`)),
      START_TIMEOUT_MS,
    )
    createInterface({ input: child.stdout }).on('line', (line) => {
      output += `${line}\n`
      if (/\bReady\b/.test(line)) {
        clearTimeout(timer)
        resolve()
      }
    })
    exited.then(([code]) => {
      clearTimeout(timer)
      reject(new Error(`next start exited (${code}) before it was ready:\n${output}`))
    })
  })
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${bound}`
  let stopped
  return {
    url,
    process: child,
    /** SIGTERM, then resolves once the server has exited. */
    stop() {
      if (!stopped) {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
        stopped = exited.then(() => undefined)
      }
      return stopped
    },
  }
}
