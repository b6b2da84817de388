import assert from 'node:assert/strict'
import { mkdir, mkdtemp, rm, symlink, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { type FolderStore, parseManifestCid, walkFolder } from '@netswarm/content'
import type { FolderListing } from '../src/index.ts'
import { MemoryBackend } from './helpers/memory-backend.ts'
import { startGateway, testBytes } from './helpers/start-gateway.ts'

/** Publishes every file of a walk through the gateway's upload endpoint, as the CLI does. */
function uploadStore(base: string): FolderStore {
  return {
    async storeFile(file) {
      const parts: Uint8Array[] = []
      for await (const block of file.source) parts.push(new Uint8Array(block))
      const res = await fetch(`${base}/api/v1/files?name=${encodeURIComponent(file.name)}`, {
        method: 'POST',
        headers: { 'content-type': file.mediaType },
        body: Buffer.concat(parts),
      })
      assert.equal(res.status, 201, await res.clone().text())
      const body = (await res.json()) as { cid: string; size: number }
      return { cid: parseManifestCid(body.cid), size: body.size }
    },
  }
}

async function publishTree(t: { after: (fn: () => Promise<void>) => void }, base: string) {
  const dir = await mkdtemp(join(tmpdir(), 'netswarm-gw-folder-'))
  t.after(() => rm(dir, { recursive: true, force: true }))
  const src = join(dir, 'site')
  await mkdir(join(src, 'docs/deep'), { recursive: true })
  const big = testBytes(400_000, 3)
  await writeFile(join(src, 'docs/deep/data.bin'), big)
  await writeFile(join(src, 'docs/read me.txt'), 'hello <world>\n')
  await writeFile(join(src, 'index.html'), '<script>alert(1)</script>')
  await symlink('../../etc/passwd', join(src, 'escape'))
  await utimes(join(src, 'index.html'), 1_700_000_000.5, 1_700_000_000.5)
  const walked = await walkFolder(src, uploadStore(base))
  return { cid: walked.cid.toString(), big }
}

describe('gateway HTTP: folders', () => {
  test('/f/<cid>/ lists a folder as HTML; /f/<cid>/path serves its files with Range; missing paths are 404', async (t) => {
    const gw = await startGateway(t, new MemoryBackend())
    const { cid, big } = await publishTree(t, gw.base)

    // The folder page lives at a URL ending in '/': its links are relative.
    const bare = await fetch(`${gw.base}/f/${cid}`, { redirect: 'manual' })
    assert.equal(bare.status, 301)
    assert.equal(bare.headers.get('location'), `${cid}/`)
    const page = await fetch(`${gw.base}/f/${cid}`)
    assert.equal(page.url, `${gw.base}/f/${cid}/`)
    assert.equal(page.status, 200)
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/)
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'/)
    const html = await page.text()
    assert.match(html, /<a href="\.\/">site<\/a>/)
    assert.match(html, /href="\.\/docs\/"/)
    assert.match(html, /href="\.\/index.html"/)
    assert.match(html, /escape <code>→ \.\.\/\.\.\/etc\/passwd<\/code>/)

    const sub = await (await fetch(`${gw.base}/f/${cid}/docs/deep`)).text()
    assert.match(sub, /<a href="\.\.\/\.\.\/">site<\/a> \/ <a href="\.\.\/">docs<\/a> \/ <a href="\.\/">deep<\/a>/)
    assert.match(sub, /href="\.\/data.bin\?download"/)

    const file = await fetch(`${gw.base}/f/${cid}/docs/read%20me.txt`)
    assert.equal(file.status, 200)
    assert.match(file.headers.get('content-type') ?? '', /^text\/plain/)
    assert.equal(file.headers.get('content-disposition'), 'inline; filename="read me.txt"')
    assert.equal(await file.text(), 'hello <world>\n')

    const range = await fetch(`${gw.base}/f/${cid}/docs/deep/data.bin`, { headers: { range: 'bytes=1000-1999' } })
    assert.equal(range.status, 206)
    assert.equal(range.headers.get('content-range'), `bytes 1000-1999/${big.length}`)
    assert.ok(Buffer.from(await range.arrayBuffer()).equals(big.subarray(1000, 2000)))

    // Uploaded HTML inside a folder is sandboxed like any file.
    const html2 = await fetch(`${gw.base}/f/${cid}/index.html`)
    assert.equal(html2.headers.get('content-security-policy'), 'sandbox')

    for (const missing of ['nope.txt', 'docs/deep/nope', 'index.html/child', 'escape', 'escape/x']) {
      const res = await fetch(`${gw.base}/f/${cid}/${missing}`)
      assert.equal(res.status, 404, missing)
      assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'NOT_FOUND')
    }
    // '..' cannot climb out (sent encoded, so the client does not normalise it away).
    const climb = await fetch(`${gw.base}/f/${cid}/docs/%2E%2E/%2E%2E/x`)
    assert.equal(climb.status, 400)

    // `?raw` serves the directory document itself (what the CLI verifies and decodes).
    const raw = await fetch(`${gw.base}/f/${cid}?raw=1`)
    assert.equal(raw.status, 200)
    assert.equal(raw.headers.get('content-type'), 'application/vnd.netswarm.directory')
  })

  test('REST and tRPC list a folder as JSON, with paging and sub-paths', async (t) => {
    const gw = await startGateway(t, new MemoryBackend())
    const { cid, big } = await publishTree(t, gw.base)

    const top = (await (await fetch(`${gw.base}/api/v1/folders/${cid}`)).json()) as FolderListing
    assert.deepEqual(
      top.entries.map((e) => [e.name, e.kind]),
      [
        ['docs', 'directory'],
        ['escape', 'symlink'],
        ['index.html', 'file'],
      ],
    )
    assert.equal(top.size, big.length + 14 + 25 + 16)
    const index = top.entries.find((e) => e.name === 'index.html')!
    assert.equal(index.mtimeMs, 1_700_000_000_500)
    assert.equal(index.link, `${gw.base}/f/${cid}/index.html`)
    assert.equal(top.entries.find((e) => e.name === 'escape')?.target, '../../etc/passwd')

    const paged = (await (await fetch(`${gw.base}/api/v1/folders/${cid}?limit=2`)).json()) as FolderListing
    assert.equal(paged.entries.length, 2)
    assert.equal(paged.nextAfter, 'escape')
    const rest = (await (
      await fetch(`${gw.base}/api/v1/folders/${cid}?limit=2&after=${paged.nextAfter}`)
    ).json()) as FolderListing
    assert.deepEqual(
      rest.entries.map((e) => e.name),
      ['index.html'],
    )

    const input = encodeURIComponent(JSON.stringify({ cid, path: 'docs/deep' }))
    const trpc = (await (await fetch(`${gw.base}/trpc/folders.list?input=${input}`)).json()) as {
      result: { data: FolderListing }
    }
    assert.deepEqual(
      trpc.result.data.entries.map((e) => [e.name, e.size]),
      [['data.bin', big.length]],
    )

    const notFolder = await fetch(`${gw.base}/api/v1/folders/${cid}?path=index.html`)
    assert.equal(notFolder.status, 400)
    const missing = await fetch(`${gw.base}/api/v1/folders/${cid}?path=docs/nope`)
    assert.equal(missing.status, 404)
    // A plain file is not a folder: typed 400, not a crash.
    const fileCid = index.cid!
    const plain = await fetch(`${gw.base}/api/v1/folders/${fileCid}`)
    assert.equal(plain.status, 400)
  })

  test('POST /api/v1/folders publishes a folder of uploaded files; bad trees get typed 400s', async (t) => {
    const gw = await startGateway(t, new MemoryBackend())
    const up = async (name: string, text: string) => {
      const res = await fetch(`${gw.base}/api/v1/files?name=${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: text,
      })
      return ((await res.json()) as { cid: string }).cid
    }
    const a = await up('a.txt', 'alpha')
    const b = await up('b.txt', 'bravo!')
    const post = (body: unknown) =>
      fetch(`${gw.base}/api/v1/folders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    const res = await post({
      name: 'upload',
      entries: [
        { kind: 'file', path: 'a.txt', cid: a, mtimeMs: 1_600_000_000_000 },
        { kind: 'file', path: 'sub/deeper/b.txt', cid: b, mode: 0o600, mtimeMs: 1_700_000_000_000 },
        { kind: 'directory', path: 'empty' },
        { kind: 'symlink', path: 'sub/link', target: 'deeper/b.txt' },
      ],
    })
    assert.equal(res.status, 201)
    const published = (await res.json()) as {
      cid: string
      files: number
      directories: number
      size: number
      link: string
    }
    assert.equal(published.files, 2)
    assert.equal(published.directories, 4)
    assert.equal(published.size, 5 + 6 + 12)
    assert.equal(published.link, `${gw.base}/f/${published.cid}`)

    const listing = (await (await fetch(`${gw.base}/api/v1/folders/${published.cid}?path=sub`)).json()) as FolderListing
    assert.deepEqual(
      listing.entries.map((e) => [e.name, e.kind, e.mode, e.mtimeMs]),
      [
        ['deeper', 'directory', 0o755, 1_700_000_000_000],
        ['link', 'symlink', 0o777, 0],
      ],
    )
    assert.equal(await (await fetch(`${gw.base}/f/${published.cid}/sub/deeper/b.txt`)).text(), 'bravo!')

    const bad: [unknown, number][] = [
      [{ name: 'x', entries: [{ kind: 'file', path: '../a.txt', cid: a }] }, 400],
      [
        {
          name: 'x',
          entries: [
            { kind: 'file', path: 'a', cid: a },
            { kind: 'file', path: 'a', cid: b },
          ],
        },
        400,
      ],
      [
        {
          name: 'x',
          entries: [
            { kind: 'file', path: 'a', cid: a },
            { kind: 'file', path: 'a/b', cid: b },
          ],
        },
        400,
      ],
      [{ name: 'x', entries: [{ kind: 'file', path: 'a', cid: 'not-a-cid' }] }, 400],
      [{ name: 'x', entries: [{ kind: 'fifo', path: 'a' }] }, 400],
      [{ name: 'x', entries: [{ kind: 'file', path: 'a', cid: published.cid }] }, 400],
      [{ entries: [] }, 400],
    ]
    for (const [body, status] of bad) {
      const answer = await post(body)
      assert.equal(answer.status, status, JSON.stringify(body))
      assert.equal(((await answer.json()) as { error: { code: string } }).error.code, 'INVALID_ARGUMENT')
    }
  })
})
