import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { runCli, startSwarm } from '../integration/helpers/swarm.ts'
import { enterToken, launchBrowser, screenshot, startConsoleFor, watchPageErrors } from './helpers/browser.ts'

test('console: private upload shows its read link once; the link decrypts in the browser; shared with me', async (t) => {
  const swarm = await startSwarm(t, 2)
  const [a, b] = swarm.peers
  const server = await startConsoleFor(
    t,
    swarm.peers.map((p) => p.gatewayUrl),
  )
  const context = await launchBrowser(t)
  const errors: string[] = []
  const files = mkdtempSync(join(tmpdir(), 'netswarm-e2e-private-'))
  t.after(() => rmSync(files, { recursive: true, force: true }))
  const secret = Buffer.from(`the plan: ${'meet at the old mill at dawn; '.repeat(2000)}`)
  writeFileSync(join(files, 'plan.txt'), secret)

  const page = watchPageErrors(await context.newPage(), errors)
  await page.goto(`${server.url}/p/0`)
  await page.getByTestId('token-prompt').waitFor()
  await enterToken(page, swarm.token)
  await page.getByText('Token set').waitFor()
  await page.goto(`${server.url}/p/0/files`)
  await page.getByTestId('private-toggle').check()
  await page.getByTestId('file-input').setInputFiles(join(files, 'plan.txt'))
  await page.locator('[data-testid=upload-item][data-state=done]').waitFor()
  const shown = page.getByTestId('private-link')
  assert.match((await shown.textContent()) ?? '', /shown only now/)
  const link = (await page.getByTestId('private-read-link').textContent()) ?? ''
  assert.match(link, new RegExp(`^${a.gatewayUrl}/s/baf[a-z0-9]+#k=[A-Za-z0-9_-]{43}$`))
  await screenshot(page, 'private-01-upload-link')

  // The read link: the page decrypts in the browser and offers the file under its real name.
  const reader = watchPageErrors(await context.newPage(), errors)
  await reader.goto(link)
  await reader.locator('body[data-state=done]').waitFor()
  const [download] = await Promise.all([reader.waitForEvent('download'), reader.locator('#download').click()])
  assert.equal(download.suggestedFilename(), 'plan.txt')
  assert.ok(readFileSync((await download.path()) as string).equals(secret), 'decrypted bytes differ')
  await screenshot(reader, 'private-02-read-link')

  // A wrong key says so and offers nothing.
  const wrong = watchPageErrors(await context.newPage(), errors)
  await wrong.goto(`${link.split('#')[0]}#k=${'A'.repeat(43)}`)
  await wrong.locator('body[data-state=failed]').waitFor()
  assert.match((await wrong.locator('#status').textContent()) ?? '', /does not open/)
  assert.equal(await wrong.locator('#download').isVisible(), false)

  // Shared by public key with peer B: B's console lists it and opens it.
  const idB = JSON.parse((await runCli(['identity', '--json', '-g', b.gatewayUrl])).stdout.toString()) as {
    publicKey: string
  }
  const netswarmLink = `netswarm://${link.slice(link.indexOf('/s/') + 3)}`
  const shared = await runCli(['share', netswarmLink, '--to', idB.publicKey, '-g', a.gatewayUrl], {
    NETSWARM_TOKEN: swarm.token,
  })
  assert.equal(shared.code, 0, shared.stderr)
  const inbox = watchPageErrors(await context.newPage(), errors)
  await inbox.goto(`${server.url}/p/1/shared`)
  // The console keeps one token per peer: peer B asks for its own.
  await inbox.getByTestId('token-prompt').waitFor()
  await enterToken(inbox, swarm.token)
  assert.equal(await inbox.getByTestId('own-public-key').textContent(), idB.publicKey)
  const row = inbox.locator('[data-testid=shared-row]', { hasText: 'plan.txt' })
  await row.waitFor()
  await screenshot(inbox, 'private-03-shared-with-me')
  const [opened] = await Promise.all([context.waitForEvent('page'), row.getByTestId('shared-open').click()])
  await opened.locator('body[data-state=done]').waitFor()
  // Peer A's list is empty: the share was for B only.
  const other = watchPageErrors(await context.newPage(), errors)
  await other.goto(`${server.url}/p/0/shared`)
  // Same console and token cookie as the upload page: no prompt for peer A.
  await other.getByTestId('shared-empty').waitFor()
  assert.deepEqual(errors, [])
})
