import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { runCli, startSwarm, testBytes } from '../integration/helpers/swarm.ts'
import { enterToken, launchBrowser, screenshot, startConsoleFor, watchPageErrors } from './helpers/browser.ts'

test('console browses a folder shared on another peer and opens its files', async (t) => {
  const swarm = await startSwarm(t, 2)
  const [a] = swarm.peers
  const dir = mkdtempSync(join(tmpdir(), 'netswarm-e2e-folder-'))
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  const src = join(dir, 'holiday')
  mkdirSync(join(src, 'photos/day 1'), { recursive: true })
  const photo = testBytes(200_000, 5)
  writeFileSync(join(src, 'photos/day 1/beach.jpg'), photo)
  writeFileSync(join(src, 'photos/list.txt'), 'sand, sea, sun\n')
  writeFileSync(join(src, 'README.md'), '# Holiday\n')
  symlinkSync('photos/list.txt', join(src, 'latest'))
  const added = await runCli(['add', src, '-q', '-g', a.gatewayUrl], { NETSWARM_TOKEN: swarm.token })
  assert.equal(added.code, 0, added.stderr)
  const cid = added.stdout.toString().trim()

  // The console talks to peer B, which holds nothing of the folder: every listing comes through the swarm.
  const server = await startConsoleFor(
    t,
    swarm.peers.map((p) => p.gatewayUrl),
  )
  const context = await launchBrowser(t)
  const errors: string[] = []
  const page = watchPageErrors(await context.newPage(), errors)
  await page.goto(`${server.url}/p/1/folder/${cid}`)
  await page.getByTestId('token-prompt').waitFor()
  await enterToken(page, swarm.token)

  const entry = (name: string) => page.locator(`[data-testid=folder-entry][data-name="${name}"]`)
  await entry('photos').waitFor()
  assert.deepEqual(
    await page
      .getByTestId('folder-entry')
      .evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-kind')}:${r.getAttribute('data-name')}`)),
    ['file:README.md', 'symlink:latest', 'directory:photos'],
  )
  assert.match((await entry('latest').textContent()) ?? '', /→ photos\/list\.txt/)
  assert.equal(await page.getByTestId('crumb').first().textContent(), 'holiday')
  await screenshot(page, 'folder-01-top')

  // Into a sub-folder and a sub-sub-folder; breadcrumbs follow.
  await entry('photos').getByTestId('open-folder').click()
  await entry('day 1').waitFor()
  await entry('day 1').getByTestId('open-folder').click()
  await entry('beach.jpg').waitFor()
  assert.deepEqual(await page.getByTestId('crumb').allTextContents(), ['holiday', 'photos', 'day 1'])
  assert.ok(page.url().endsWith(`/p/1/folder/${cid}/photos/day%201`), page.url())
  await screenshot(page, 'folder-02-nested')

  // Download a file by its path: the same bytes.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    entry('beach.jpg').getByTestId('download-file').click(),
  ])
  const saved = join(dir, 'beach.jpg')
  await download.saveAs(saved)
  assert.equal(download.suggestedFilename(), 'beach.jpg')
  assert.ok(readFileSync(saved).equals(photo), 'downloaded bytes equal the shared ones')

  // Back up with a breadcrumb, then open a text file in a new tab.
  await page.getByTestId('crumb').nth(1).click()
  await entry('list.txt').waitFor()
  const [opened] = await Promise.all([context.waitForEvent('page'), entry('list.txt').getByTestId('open-file').click()])
  await opened.waitForLoadState()
  assert.equal(await opened.locator('body').textContent(), 'sand, sea, sun\n')
  assert.ok(opened.url().endsWith(`/f/${cid}/photos/list.txt`), opened.url())
  await opened.close()

  // A path that does not exist shows an error, not a crash.
  await page.goto(`${server.url}/p/1/folder/${cid}/photos/missing`)
  await page.getByTestId('error').waitFor()
  assert.equal(await page.getByTestId('error').getAttribute('data-code'), 'NOT_FOUND')

  // Share a folder from the browser (a directory picker): it lists as a folder and browses the same way.
  const picked = join(dir, 'picked')
  mkdirSync(join(picked, 'inner'), { recursive: true })
  writeFileSync(join(picked, 'top.txt'), 'top level\n')
  writeFileSync(join(picked, 'inner/deep.txt'), 'deep inside\n')
  await page.goto(`${server.url}/p/1/files`)
  await page.getByTestId('folder-input').setInputFiles(picked)
  await page.locator('[data-testid=upload-item][data-state=done]', { hasText: 'picked/' }).waitFor()
  await page.locator('[data-testid=file-row]', { hasText: 'picked/' }).click()
  await page.getByTestId('browse-folder').click()
  await entry('inner').waitFor()
  assert.deepEqual(
    await page.getByTestId('folder-entry').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-name'))),
    ['inner', 'top.txt'],
  )
  await entry('inner').getByTestId('open-folder').click()
  await entry('deep.txt').waitFor()
  const [deep] = await Promise.all([context.waitForEvent('page'), entry('deep.txt').getByTestId('open-file').click()])
  await deep.waitForLoadState()
  assert.equal(await deep.locator('body').textContent(), 'deep inside\n')
  await screenshot(page, 'folder-03-uploaded')
  assert.deepEqual(errors, [])
})
