import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import type { TestContext } from 'node:test'
import { fileURLToPath } from 'node:url'
import { type BrowserContext, chromium, type Page } from 'playwright-core'
import { ensureBuild, type RunningConsole, startConsole } from '../../../web/scripts/console.mjs'

/**
 * Debian's chromium, headless, with its background networking off (this machine's closed network
 * refuses those connections). Shared by the browser tests and the console benchmark.
 */
export const CHROMIUM_OPTIONS = {
  executablePath: '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1280, height: 860 },
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
}

import { BIN, isRunning } from '../../integration/helpers/swarm.ts'

/** Screenshots of the run (gitignored `artifacts/`, kept for people to look at). */
export const ARTIFACTS = fileURLToPath(new URL('../../../artifacts/e2e/', import.meta.url))
/** Longest wait for something to appear in the page (a swarm on a busy 2-core machine is slow). */
export const UI_TIMEOUT_MS = 90_000

/** Builds the console when its sources changed, then serves `gateways` on a free loopback port. */
export async function startConsoleFor(t: TestContext, gateways: string[]): Promise<RunningConsole> {
  await ensureBuild()
  const server = await startConsole({ gateways })
  t.after(() => server.stop())
  return server
}

/** Debian's chromium, headless, with a fresh profile removed after the test. */
export async function launchBrowser(t: TestContext): Promise<BrowserContext> {
  const profile = mkdtempSync(join(tmpdir(), 'netswarm-pw-'))
  const context = await chromium.launchPersistentContext(profile, { ...CHROMIUM_OPTIONS, acceptDownloads: true })
  context.setDefaultTimeout(UI_TIMEOUT_MS)
  t.after(async () => {
    await context.close()
    rmSync(profile, { recursive: true, force: true })
  })
  return context
}

/** Fails the test on uncaught errors in the page (not on failed requests: some are expected). */
export function watchPageErrors(page: Page, errors: string[]): Page {
  page.on('pageerror', (err) => errors.push(err.message))
  return page
}

/** Saves a screenshot as `artifacts/e2e/<name>.png`. */
export async function screenshot(page: Page, name: string, fullPage = false): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true })
  const path = join(ARTIFACTS, `${name}.png`)
  await page.screenshot({ path, fullPage })
  return path
}

/** Answers the console's token prompt with `token` and waits until the console accepted it. */
export async function enterToken(page: Page, token: string): Promise<void> {
  await page.getByTestId('token-input').fill(token)
  await page.getByTestId('token-submit').click()
  await page.getByTestId('token-prompt').waitFor({ state: 'detached' })
}

/** A `netswarm node` joined to a swarm through `bootstrap`, killable on its own. */
export interface ExtraPeer {
  peerId: string
  process: ChildProcess
  kill(): Promise<void>
}

/**
 * Starts one more peer (`netswarm node`) that bootstraps from `bootstrap`. `netswarm swarm` stops
 * every peer when one dies, so a peer a test kills is started apart from it.
 */
export async function startExtraPeer(t: TestContext, bootstrap: string): Promise<ExtraPeer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'netswarm-extra-'))
  const child = spawn(
    process.execPath,
    [
      BIN,
      'node',
      '-d',
      dataDir,
      '--port-base',
      '0',
      '--http-port',
      '0',
      '--bootstrap',
      bootstrap,
      '--ready-json',
      '--exit-with-stdin',
    ],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: { ...process.env, NETSWARM_LOG_LEVEL: process.env.NETSWARM_LOG_LEVEL ?? 'warn' },
    },
  )
  const exited = once(child, 'exit')
  t.after(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL')
      await exited
    }
    rmSync(dataDir, { recursive: true, force: true })
  })
  const ready = await new Promise<{ peerId: string }>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.startsWith('{')) return
      const event = JSON.parse(line) as { event: string; peerId: string }
      if (event.event === 'ready') resolve(event)
    })
    exited.then(([code]) => reject(new Error(`extra peer exited (${code}) before it was ready`)))
  })
  return {
    peerId: ready.peerId,
    process: child,
    async kill() {
      child.kill('SIGKILL')
      await exited
      if (isRunning(child.pid!)) throw new Error('extra peer still running after SIGKILL')
    },
  }
}
