/**
 * The console's search in a real chromium: a file uploaded as public in the console on one peer
 * and one published with the CLI on another are found by typing in the search box on a third
 * peer (type-ahead, then Enter); a file uploaded without `public` never shows; the result
 * downloads in one click with the same bytes.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { runCli, startSwarm, testBytes } from '../integration/helpers/swarm.ts'
import { enterToken, launchBrowser, screenshot, startConsoleFor, watchPageErrors } from './helpers/browser.ts'

test('console: type in the search box, see the public files of other peers, download one', async (t) => {
  const swarm = await startSwarm(t, 3)
  const [a] = swarm.peers
  const dir = mkdtempSync(join(tmpdir(), 'netswarm-e2e-search-'))
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  const report = testBytes(120_000, 11)
  writeFileSync(join(dir, 'Aurora Quarterly Report.pdf'), report)
  const added = await runCli(
    ['add', join(dir, 'Aurora Quarterly Report.pdf'), '--public', '--tag', 'finance', '-q', '-g', a.gatewayUrl],
    { NETSWARM_TOKEN: swarm.token },
  )
  assert.equal(added.code, 0, added.stderr)
  const reportCid = added.stdout.toString().trim()
  writeFileSync(join(dir, 'aurora-private-diary.txt'), 'not for search\n')
  const hidden = await runCli(['add', join(dir, 'aurora-private-diary.txt'), '-q', '-g', a.gatewayUrl], {
    NETSWARM_TOKEN: swarm.token,
  })
  assert.equal(hidden.code, 0, hidden.stderr)
  const hiddenCid = hidden.stdout.toString().trim()

  const server = await startConsoleFor(
    t,
    swarm.peers.map((p) => p.gatewayUrl),
  )
  const context = await launchBrowser(t)
  const errors: string[] = []

  // Peer B's console uploads a public file with a tag.
  const upload = watchPageErrors(await context.newPage(), errors)
  await upload.goto(`${server.url}/p/1/files`)
  await upload.getByTestId('token-prompt').waitFor()
  await enterToken(upload, swarm.token)
  await upload.getByTestId('upload-public').check()
  await upload.getByTestId('upload-tags').fill('sky, night')
  writeFileSync(join(dir, 'Aurora borealis photo.jpg'), testBytes(50_000, 12))
  await upload.getByTestId('file-input').setInputFiles(join(dir, 'Aurora borealis photo.jpg'))
  await upload.locator('[data-testid=upload-item][data-state=done]').waitFor()
  await upload.close()

  // Peer C's console: the Search tab, type-ahead on a partial word.
  const page = watchPageErrors(await context.newPage(), errors)
  await page.goto(`${server.url}/p/2`)
  await page.getByTestId('token-prompt').waitFor()
  await enterToken(page, swarm.token)
  await page.getByRole('link', { name: 'Search' }).click()
  const input = page.getByTestId('search-input')
  await input.fill('auro')
  const row = (name: string) => page.locator(`[data-testid=search-result][data-name="${name}"]`)
  await row('Aurora Quarterly Report.pdf').waitFor()
  await row('Aurora borealis photo.jpg').waitFor()
  await page.locator('[data-testid=search-status][data-state=done]').waitFor()
  assert.equal(await page.locator(`[data-testid=search-result][data-cid="${hiddenCid}"]`).count(), 0)
  await screenshot(page, 'search-01-type-ahead')

  // Two whole words and Enter: only the report matches both.
  await input.fill('aurora finance')
  await input.press('Enter')
  // The status names its query: the 'done' of the type-ahead above must not count for this one.
  await page
    .locator('[data-testid=search-status][data-state=done][data-query="aurora finance"][data-prefix=false]')
    .waitFor()
  const first = page.getByTestId('search-result').first()
  assert.equal(await first.getAttribute('data-cid'), reportCid)
  assert.equal(await first.getByTestId('result-providers').textContent(), '1')
  await screenshot(page, 'search-02-results')

  // One click downloads it, byte for byte, through peer C (which fetches it from A).
  const [download] = await Promise.all([page.waitForEvent('download'), first.getByTestId('download-result').click()])
  const saved = join(dir, 'downloaded.pdf')
  await download.saveAs(saved)
  assert.equal(download.suggestedFilename(), 'Aurora Quarterly Report.pdf')
  assert.ok(readFileSync(saved).equals(report), 'downloaded bytes equal the published ones')

  // A query with no word in it is refused with a message, not a crash.
  await input.fill('?!')
  await input.press('Enter')
  await page.getByTestId('error').waitFor()
  assert.equal(await page.getByTestId('error').getAttribute('data-code'), 'BAD_REQUEST')
  assert.match((await page.getByTestId('error').textContent()) ?? '', /empty/)
  assert.deepEqual(errors, [])
})
