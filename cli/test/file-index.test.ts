import assert from 'node:assert/strict'
import { lstat, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { CID } from '@netswarm/content'
import { defaultCacheDir, FileIndex, indexPath } from '../src/backup/file-index.ts'

const MANIFEST = CID.parse('bafyreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy')

async function setup(t: { after: (fn: () => Promise<void>) => void }) {
  const dir = await mkdtemp(join(tmpdir(), 'netswarm-file-index-'))
  t.after(() => rm(dir, { recursive: true, force: true }))
  const file = join(dir, 'a.txt')
  await writeFile(file, 'hello')
  return { dir, file, index: indexPath(join(dir, 'cache'), '/some/root') }
}

const read = async (file: string) => ({
  path: 'a.txt',
  name: 'a.txt',
  mediaType: 'text/plain',
  info: await lstat(file, { bigint: true }),
})

test('an entry is reused only while size, mtime, ctime, inode and media type are unchanged', async (t) => {
  const { file, index } = await setup(t)
  const warnings: string[] = []
  const warn = (m: string) => warnings.push(m)
  await utimes(file, 1_700_000_000, 1_700_000_000)
  const first = await FileIndex.load(index, '/some/root', Date.now(), warn)
  const seen = await read(file)
  assert.equal(first.lookup(seen), undefined)
  first.record('a.txt', { cid: MANIFEST, size: 5 }, seen.info, 'text/plain')
  await first.save()

  const second = await FileIndex.load(index, '/some/root', Date.now(), warn)
  assert.deepEqual(warnings, [])
  assert.deepEqual(second.manifests(), [MANIFEST.toString()])
  assert.equal(second.lookup(await read(file))?.cid.toString(), MANIFEST.toString())
  assert.equal(second.lookup({ ...(await read(file)), mediaType: 'text/html' }), undefined)
  assert.equal(second.lookup({ ...(await read(file)), path: 'b.txt' }), undefined)
  // Same bytes count, mtime put back: the ctime moved.
  await writeFile(file, 'HELLO')
  await utimes(file, 1_700_000_000, 1_700_000_000)
  assert.equal(second.lookup(await read(file)), undefined)
  // keep() drops what the peer does not hold whole.
  const third = await FileIndex.load(index, '/some/root', Date.now(), warn)
  third.keep(() => false)
  assert.deepEqual(third.manifests(), [])
})

test('a file modified in the second the backup started is not recorded (racy clean)', async (t) => {
  const { file, index } = await setup(t)
  const second = 1_700_000_000
  await utimes(file, second + 0.5, second + 0.5)
  const startedMs = second * 1000 + 700
  const racy = await FileIndex.load(index, '/root', startedMs, () => {})
  racy.record('a.txt', { cid: MANIFEST, size: 5 }, (await read(file)).info, 'text/plain')
  await racy.save()
  assert.deepEqual((await FileIndex.load(index, '/root', startedMs + 5000, () => {})).manifests(), [])
  // A second later it is trusted.
  const later = await FileIndex.load(index, '/root', startedMs + 1000, () => {})
  later.record('a.txt', { cid: MANIFEST, size: 5 }, (await read(file)).info, 'text/plain')
  await later.save()
  assert.deepEqual((await FileIndex.load(index, '/root', startedMs + 5000, () => {})).manifests(), [
    MANIFEST.toString(),
  ])
})

test('a damaged, foreign or other-version index is ignored with a warning', async (t) => {
  const { file, index } = await setup(t)
  await utimes(file, 1_700_000_000, 1_700_000_000)
  const good = await FileIndex.load(index, '/root', Date.now(), () => {})
  good.record('a.txt', { cid: MANIFEST, size: 5 }, (await read(file)).info, 'text/plain')
  await good.save()
  const text = await readFile(index, 'utf8')
  const doc = JSON.parse(text)
  const entry = doc.files['a.txt']
  const cases: [string, string, RegExp][] = [
    ['truncated', text.slice(0, 40), /not valid JSON/],
    ['binary', '\u0000\u0001garbage', /not valid JSON/],
    ['not an index', JSON.stringify({ hello: 1 }), /not a backup index/],
    ['other version', JSON.stringify({ ...doc, version: 99 }), /version 99/],
    ['another folder', JSON.stringify({ ...doc, root: '/elsewhere' }), /belongs to \/elsewhere/],
    ['bad entry', JSON.stringify({ ...doc, files: { 'a.txt': entry.slice(0, 3) } }), /bad entry/],
    ['bad cid', JSON.stringify({ ...doc, files: { 'a.txt': [...entry.slice(0, 6), 'nope'] } }), /bad entry/],
    ['null', 'null', /not a backup index/],
  ]
  for (const [label, bytes, reason] of cases) {
    await writeFile(index, bytes)
    const warnings: string[] = []
    const loaded = await FileIndex.load(index, '/root', Date.now(), (m) => warnings.push(m))
    assert.equal(warnings.length, 1, label)
    assert.match(warnings[0], reason, label)
    assert.deepEqual(loaded.manifests(), [], label)
    assert.equal(loaded.lookup(await read(file)), undefined, label)
  }
})

test('the cache directory: NETSWARM_CACHE_DIR, then XDG_CACHE_HOME, then ~/.cache', () => {
  assert.equal(defaultCacheDir({ NETSWARM_CACHE_DIR: '/x', XDG_CACHE_HOME: '/y' }), '/x')
  assert.equal(defaultCacheDir({ XDG_CACHE_HOME: '/y' }), join('/y', 'netswarm'))
  assert.match(defaultCacheDir({}), /\.cache\/netswarm$/)
})
