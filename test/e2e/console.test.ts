import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { CID } from 'multiformats/cid'
import { sha256 } from 'multiformats/hashes/sha2'
import { startSwarm, testBytes } from '../integration/helpers/swarm.ts'
import {
  enterToken,
  launchBrowser,
  screenshot,
  startConsoleFor,
  startExtraPeer,
  watchPageErrors,
} from './helpers/browser.ts'

/**
 * Big enough that the fetch on peer B runs across several of the gateway's 1 s snapshots (a few
 * seconds here), small enough for CI.
 */
const BIG_FILE_BYTES = 64 * 1024 * 1024
const SMALL_FILE_BYTES = 300_000
/** Multicodec of a manifest (dag-cbor): file CIDs are manifest CIDs. */
const DAG_CBOR_CODE = 0x71

/**
 * In-page script: records every state:percent the transfer rows of `cid` show, as the page
 * renders pushed snapshots, in `window.seen`. A string, because tsx would add helpers to a
 * function that the page does not have.
 */
function recordTransferStates(cid: string): string {
  return `(() => {
    const seen = []
    window.seen = seen
    const record = () => {
      for (const el of document.querySelectorAll('[data-testid=transfer][data-cid="${cid}"]')) {
        const entry = el.getAttribute('data-state') + ':' + el.getAttribute('data-percent')
        if (seen.at(-1) !== entry) seen.push(entry)
      }
    }
    record()
    new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true })
  })()`
}

/**
 * In-page script: records, in `window.sourcesSeen`, every `state:percent:peer ids` the transfer rows
 * of `cid` show, the peer ids being those of the per-source rows the page renders.
 */
function recordTransferSources(cid: string): string {
  return `(() => {
    const seen = []
    window.sourcesSeen = seen
    const record = () => {
      for (const el of document.querySelectorAll('[data-testid=transfer][data-cid="${cid}"]')) {
        const ids = [...el.querySelectorAll('[data-testid=source]')].map((s) => s.getAttribute('data-peer-id'))
        const entry = el.getAttribute('data-state') + ':' + el.getAttribute('data-percent') + ':' + ids.join(',')
        if (seen.at(-1) !== entry) seen.push(entry)
      }
    }
    record()
    new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true })
  })()`
}

/** Index of a console peer (other than 0) whose storage lacks `cid`: the swarm replicates uploads on its own. */
async function peerWithout(gateways: string[], cid: string): Promise<number> {
  for (let i = gateways.length - 1; i > 0; i--) {
    const res = await fetch(`${gateways[i]}/api/v1/files?limit=500`)
    const { files } = (await res.json()) as { files: { cid: string }[] }
    if (!files.some((f) => f.cid === cid)) return i
  }
  throw new Error(`every peer already holds ${cid}: no peer left to fetch it`)
}

test('console in a real browser against a local swarm', async (t) => {
  // 4 peers from `netswarm swarm` plus one `netswarm node` joined to them (killed below): 5 peers.
  const swarm = await startSwarm(t, 4)
  const extra = await startExtraPeer(t, swarm.peers[0].dhtAddress)
  const server = await startConsoleFor(
    t,
    swarm.peers.map((p) => p.gatewayUrl),
  )
  const context = await launchBrowser(t)
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url })
  const errors: string[] = []
  const files = mkdtempSync(join(tmpdir(), 'netswarm-e2e-files-'))
  t.after(() => rmSync(files, { recursive: true, force: true }))
  const big = testBytes(BIG_FILE_BYTES, 7)
  const small = testBytes(SMALL_FILE_BYTES, 11)
  writeFileSync(join(files, 'big.bin'), big)
  writeFileSync(join(files, 'notes.txt'), small)
  let shareLink = ''
  let bigCid = ''

  await t.test('the token prompt appears and a wrong token is refused', async () => {
    const page = watchPageErrors(await context.newPage(), errors)
    await page.goto(`${server.url}/p/0`)
    await page.getByTestId('token-prompt').waitFor()
    await page.getByTestId('token-input').fill(`${swarm.token}-wrong`)
    await page.getByTestId('token-submit').click()
    const refusal = page.getByTestId('token-error')
    await refusal.waitFor()
    assert.match((await refusal.textContent()) ?? '', /refused/)
    await screenshot(page, '01-token-refused')
    // Still asking: nothing was stored.
    assert.equal(await page.getByTestId('token-prompt').count(), 1)
    await enterToken(page, swarm.token)
    await page.getByText('Token set').waitFor()
    await page.close()
  })

  await t.test('upload two files on peer A; the list, share link and QR code show them', async () => {
    const page = watchPageErrors(await context.newPage(), errors)
    await page.goto(`${server.url}/p/0/files`)
    await page.getByTestId('file-input').setInputFiles([join(files, 'big.bin'), join(files, 'notes.txt')])
    await page.locator('[data-testid=upload-item][data-state=done]').nth(1).waitFor()
    assert.equal(await page.locator('[data-testid=upload-item][data-state=failed]').count(), 0)
    await page.locator('[data-testid=file-row]', { hasText: 'big.bin' }).click()
    const details = page.getByTestId('file-details')
    await details.getByRole('heading', { name: 'big.bin' }).waitFor()
    shareLink = await details.getByTestId('share-link').inputValue()
    assert.match(shareLink, /^http:\/\/127\.0\.0\.1:\d+\/f\/baf[a-z0-9]+$/)
    bigCid = shareLink.slice(shareLink.lastIndexOf('/') + 1)
    assert.ok(await page.locator(`[data-testid=file-row][data-cid="${bigCid}"]`).isVisible())
    await details.getByTestId('qr').waitFor()
    await details.getByTestId('copy-link').click()
    await details.getByText('Copied').waitFor()
    assert.equal(await page.evaluate(() => (globalThis as any).navigator.clipboard.readText()), shareLink)
    await screenshot(page, '02-files-page', true)
    // The same page on a phone-sized screen.
    await page.setViewportSize({ width: 390, height: 844 })
    await screenshot(page, '03-files-page-phone', true)
    await page.close()
  })

  await t.test('open the link on peer B, fetch it while the transfers page watches, download equal bytes', async () => {
    assert.ok(shareLink, 'needs the upload above')
    const b = await peerWithout(
      swarm.peers.map((p) => p.gatewayUrl),
      bigCid,
    )
    const transfers = watchPageErrors(await context.newPage(), errors)
    // Reach peer B's transfers page through the header's peer switcher.
    await transfers.goto(`${server.url}/p/0/transfers`)
    await transfers.getByTestId('peer-switch').selectOption(String(b))
    await transfers.waitForURL(`${server.url}/p/${b}/transfers`)
    await enterToken(transfers, swarm.token)
    await transfers.evaluate(recordTransferStates(bigCid))

    const open = watchPageErrors(await context.newPage(), errors)
    await open.goto(`${server.url}/p/${b}/open`)
    await open.getByTestId('link-input').fill(shareLink)
    await open.getByTestId('link-open').click()
    assert.equal(await open.getByTestId('linked-name').textContent(), 'big.bin')
    assert.equal(await open.getByTestId('linked-size').textContent(), '64.0 MiB')
    await open.getByTestId('fetch').click()

    const row = transfers.locator(`[data-testid=transfer][data-cid="${bigCid}"]`).first()
    await row.waitFor()
    // Screenshot it mid-way when the page shows it mid-way (it may also finish between two snapshots).
    await transfers.waitForFunction(
      `[...document.querySelectorAll('[data-testid=transfer][data-cid="${bigCid}"]')].some((el) =>
        el.dataset.state === 'done' || Number(el.dataset.percent) > 0)`,
    )
    if ((await row.getAttribute('data-state')) !== 'done') await screenshot(transfers, '04-transfer-in-progress')
    await open.locator('[data-testid=fetch-progress][data-state=done]').waitFor()
    assert.equal(await open.getByTestId('fetch-percent').textContent(), '100%')
    await screenshot(open, '05-open-link-fetched')
    await transfers
      .locator(`[data-testid=transfer][data-cid="${bigCid}"][data-state=done][data-percent="100"]`)
      .first()
      .waitFor()
    await screenshot(transfers, '06-transfer-done')
    // This tab did not start the fetch (the open tab did): its sources come from transfers.watch.
    const sourceIds = await transfers
      .locator(`[data-testid=transfer][data-cid="${bigCid}"][data-state=done] [data-testid=source]`)
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-peer-id')))
    assert.ok(
      sourceIds.some((id) => swarm.peers.some((p) => p.peerId === id) || id === extra.peerId),
      `the finished transfer lists its source peers (saw ${sourceIds.join(', ')})`,
    )
    const seen = (await transfers.evaluate(() => (globalThis as any).seen)) as string[]
    assert.ok(
      seen.some((s) => !s.startsWith('done') && Number(s.split(':')[1]) < 100),
      `the transfer was seen running before it finished (saw ${seen.join(', ')})`,
    )
    assert.equal(seen.at(-1), 'done:100')

    const [download] = await Promise.all([open.waitForEvent('download'), open.getByTestId('download').click()])
    const saved = join(files, 'downloaded.bin')
    await download.saveAs(saved)
    assert.equal(download.suggestedFilename(), 'big.bin')
    assert.ok(readFileSync(saved).equals(big), 'downloaded bytes equal the uploaded ones')
    await transfers.close()
    await open.close()
  })

  await t.test('a fetch started by a REST call shows its sources live on the transfers page', async (st) => {
    const gateways = swarm.peers.map((p) => p.gatewayUrl)
    const other = testBytes(BIG_FILE_BYTES, 13)
    const uploaded = await fetch(`${gateways[0]}/api/v1/files?name=other.bin`, {
      method: 'POST',
      headers: { authorization: `Bearer ${swarm.token}`, 'content-type': 'application/octet-stream' },
      body: other,
    })
    assert.equal(uploaded.status, 201)
    const { cid } = (await uploaded.json()) as { cid: string }
    // A peer without the file (the swarm may be replicating it elsewhere meanwhile: that download
    // would be just as much "started outside the page").
    const c = await peerWithout(gateways, cid)
    // The token through the console's own API (the prompt was tested above; peer C may already have it).
    const stored = await context.request.post(`${server.url}/console-api/token`, {
      data: { peer: c, token: swarm.token },
    })
    assert.equal(stored.status(), 200)
    const page = watchPageErrors(await context.newPage(), errors)
    // Closed even on failure: open pages hold SSE connections the next subtests need.
    st.after(() => page.close())
    await page.goto(`${server.url}/p/${c}/transfers`)
    await page.evaluate(recordTransferSources(cid))

    // Pinning a file the peer lacks fetches it: the same download `netswarm fetch` or a share link starts.
    const pinned = fetch(`${gateways[c]}/api/v1/files/${cid}/pin`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${swarm.token}` },
    })
    const sourceRow = page.locator(`[data-testid=transfer][data-cid="${cid}"] [data-testid=source]`).first()
    await sourceRow.waitFor()
    if ((await page.locator(`[data-testid=transfer][data-cid="${cid}"][data-state=done]`).count()) === 0)
      await screenshot(page, '13-transfer-sources-live')
    assert.equal((await pinned).status, 200)
    await page
      .locator(`[data-testid=transfer][data-cid="${cid}"][data-state=done][data-percent="100"]`)
      .first()
      .waitFor()
    const known = new Set([...swarm.peers.map((p) => p.peerId), extra.peerId])
    const seen = (await page.evaluate(() => (globalThis as any).sourcesSeen)) as string[]
    // On a quiet machine a 64 MiB fetch can finish between two pushed snapshots, so the rows are
    // checked on whatever the page was shown (running or done); "seen while running" is the
    // upload-and-link subtest's job, where the page starts the fetch itself.
    const shown = seen.map((s) => s.split(':'))
    assert.ok(
      shown.some(([, , ids]) => (ids ?? '').split(',').some((id) => known.has(id))),
      `per-source rows named a swarm peer (saw ${seen.join(' | ')})`,
    )
    const done = seen.filter((s) => s.startsWith('done:100:'))
    assert.ok(
      done.some((s) =>
        s
          .split(':')[2]
          .split(',')
          .some((id) => known.has(id)),
      ),
      `the finished transfer still lists its sources (saw ${seen.join(' | ')})`,
    )
  })

  await t.test('the network map shows all 5 peers and drops a killed one', async () => {
    const page = watchPageErrors(await context.newPage(), errors)
    await page.goto(`${server.url}/p/0/map`)
    const others = [...swarm.peers.slice(1).map((p) => p.peerId), extra.peerId]
    for (const id of others) await page.locator(`[data-testid=map-peer][data-peer-id="${id}"]`).waitFor()
    await page.locator('[data-testid=map-canvas][data-node-count="5"]').waitFor()
    // A peer's details on click.
    await page.locator(`[data-testid=map-peer][data-peer-id="${extra.peerId}"] button`).click()
    assert.match((await page.getByTestId('map-details').textContent()) ?? '', new RegExp(extra.peerId))
    // Hovering the centre of the canvas is hovering this peer.
    await page.getByTestId('map-canvas').hover()
    assert.equal(await page.getByTestId('map-tooltip').textContent(), 'this peer')
    await screenshot(page, '07-network-map')

    await extra.kill()
    // The DHT drops a contact when a request to it fails: a lookup from peer 0 (searching for a
    // CID nobody has, as a user would) reaches the dead peer and evicts it; the map follows.
    const unknown = CID.create(1, DAG_CBOR_CODE, await sha256.digest(randomBytes(32))).toString()
    const search = watchPageErrors(await context.newPage(), errors)
    await search.goto(`${server.url}/p/0/open?link=${unknown}`)
    const error = search.getByTestId('error')
    await error.waitFor()
    assert.equal(await error.getAttribute('data-code'), 'NOT_FOUND')
    await screenshot(search, '08-unknown-cid-error')
    await search.goto(`${server.url}/p/0`)
    // big.bin, notes.txt and the REST upload other.bin.
    await search.locator('[data-testid=count-files]', { hasText: '3' }).waitFor()
    await screenshot(search, '11-dashboard')
    await search.goto(`${server.url}/p/0/peers`)
    await search.locator('[data-testid=peer-row]').first().waitFor()
    await screenshot(search, '12-peers')
    await page.locator(`[data-testid=map-peer][data-peer-id="${extra.peerId}"]`).waitFor({ state: 'detached' })
    await page.locator('[data-testid=map-canvas][data-node-count="4"]').waitFor()
    for (const id of others.slice(0, 3))
      assert.equal(await page.locator(`[data-testid=map-peer][data-peer-id="${id}"]`).count(), 1)
    await screenshot(page, '09-network-map-after-kill')
    await search.close()
    await page.close()
  })

  await t.test('the map of 200 synthetic peers renders', async () => {
    const page = watchPageErrors(await context.newPage(), errors)
    await page.goto(`${server.url}/p/0/map?demo=200`)
    await page.locator('[data-testid=map-canvas][data-node-count="201"]').waitFor()
    assert.equal(await page.getByTestId('map-peer').count(), 200)
    await screenshot(page, '10-network-map-200')
    await page.close()
  })

  assert.deepEqual(errors, [], 'no uncaught error in any page')
})
