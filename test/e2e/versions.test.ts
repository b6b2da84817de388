import assert from 'node:assert/strict'
import { test } from 'node:test'
import { startSwarm, testBytes } from '../integration/helpers/swarm.ts'
import { enterToken, launchBrowser, screenshot, startConsoleFor, watchPageErrors } from './helpers/browser.ts'

test('versions panel: another peer lists every version of a name and opens any of them', async (t) => {
  const swarm = await startSwarm(t, 2)
  const [a] = swarm.peers
  const auth = { authorization: `Bearer ${swarm.token}` }
  const created = (await (
    await fetch(`${a.gatewayUrl}/api/v1/names`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ label: 'notes' }),
    })
  ).json()) as { key: string; link: string }

  // Three versions: v2 changes a block of v1, v3 appends to v2.
  const v1 = testBytes(2 * 1024 * 1024, 11)
  const v2 = Buffer.from(v1)
  testBytes(40_000, 12).copy(v2, 900_000)
  const v3 = Buffer.concat([v2, testBytes(300_000, 13)])
  const cids: string[] = []
  for (const [i, bytes] of [v1, v2, v3].entries()) {
    const added = await fetch(`${a.gatewayUrl}/api/v1/files?name=notes.bin`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/octet-stream' },
      body: bytes,
    })
    const { cid } = (await added.json()) as { cid: string }
    const published = await fetch(`${a.gatewayUrl}/api/v1/names/notes/versions`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ cid, message: `edit ${i + 1}` }),
    })
    assert.equal(published.status, 201)
    cids.push(cid)
  }

  const server = await startConsoleFor(
    t,
    swarm.peers.map((p) => p.gatewayUrl),
  )
  const context = await launchBrowser(t)
  const errors: string[] = []
  const page = watchPageErrors(await context.newPage(), errors)

  // Peer 0 owns the name: it is listed with its link.
  // The console asks each peer's token first (the swarm's gateways require one for writes).
  await page.goto(`${server.url}/p/0/names`)
  await page.getByTestId('token-prompt').waitFor()
  await enterToken(page, swarm.token)
  await page.getByTestId('name-row').filter({ hasText: 'notes' }).waitFor()

  // Peer 1 opens the pasted link: three versions, newest first, shared chunks, open links.
  await page.goto(`${server.url}/p/1/names`)
  await page.getByTestId('token-prompt').waitFor()
  await enterToken(page, swarm.token)
  await page.getByTestId('name-input').fill(created.link)
  await page.getByRole('button', { name: 'Show versions' }).click()
  const rows = page.getByTestId('version-row')
  await rows.nth(2).waitFor()
  assert.deepEqual(await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-sequence'))), ['3', '2', '1'])
  const shared = await page.getByTestId('shared').allTextContents()
  assert.match(shared[2], /^0 of \d+$/)
  for (const text of shared.slice(0, 2)) {
    const [s, total] = text.split(' of ').map(Number)
    assert.ok(s > 0 && s < total, `shared "${text}"`)
  }
  const hrefs = await page.getByTestId('open-version').evaluateAll((els) => els.map((el) => el.getAttribute('href')))
  assert.deepEqual(hrefs, [`/gw/1/f/${cids[2]}`, `/gw/1/f/${cids[1]}`, `/gw/1/f/${cids[0]}`])
  await screenshot(page, 'versions-panel')

  // The oldest version's link serves v1 through the console, and the name link serves v3.
  const oldest = await page.request.get(`${server.url}${hrefs[2]}`)
  assert.ok(Buffer.from(await oldest.body()).equals(v1), 'v1 differs')
  const newestHref = await page.getByTestId('open-newest').getAttribute('href')
  const newest = await page.request.get(`${server.url}${newestHref}`)
  const newestBody = Buffer.from(await newest.body())
  assert.ok(
    newestBody.equals(v3),
    `the name link ${newestHref} does not open v3: ${newest.status()} ${newest.url()} ${newestBody.length} bytes ${newestBody.subarray(0, 200).toString()}`,
  )

  // A name created from the console (peer 0's token is set) is listed at once.
  await page.goto(`${server.url}/p/0/names`)
  await page.getByLabel('label').fill('photos')
  await page.getByRole('button', { name: 'Create name' }).click()
  await page.getByTestId('name-row').filter({ hasText: 'photos' }).waitFor()
  assert.deepEqual(errors, [])
})
