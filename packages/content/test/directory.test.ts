import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import * as dagCbor from '@ipld/dag-cbor'
import fc from 'fast-check'
import {
  buildDirectory,
  type CID,
  checkPage,
  chunkCid,
  compareNames,
  type DirectoryEntry,
  DirectoryError,
  decodeDirectory,
  encodeDirectory,
  findEntry,
  findPage,
  MAX_PAGE_ENTRIES,
  manifestCid,
  splitFolderPath,
} from '../src/index.ts'

const isDirectoryError = (err: unknown) => err instanceof DirectoryError && err.code === 'INVALID_ARGUMENT'
const cidOf = (seed: string) => manifestCid(new TextEncoder().encode(seed))

const nameArb = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 30 })
  .filter((n) => n !== '.' && n !== '..' && !n.includes('/') && !n.includes('\0') && Buffer.byteLength(n) <= 255)

const entryArb: fc.Arbitrary<DirectoryEntry> = fc.oneof(
  fc
    .record({
      name: nameArb,
      kind: fc.constantFrom('file' as const, 'directory' as const),
      size: fc.nat(),
      mode: fc.integer({ min: 0, max: 0o7777 }),
      mtimeMs: fc.integer({ min: -1e12, max: 4e12 }),
      cid: fc.string({ maxLength: 8 }).map(cidOf),
    })
    .map((r) => ({ ...r })),
  fc
    .record({
      name: nameArb,
      mode: fc.integer({ min: 0, max: 0o7777 }),
      mtimeMs: fc.integer({ min: 0, max: 4e12 }),
      target: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).filter((t) => !t.includes('\0')),
    })
    .map((r) => ({ ...r, kind: 'symlink' as const, size: Buffer.byteLength(r.target) })),
)
const entriesArb = fc.uniqueArray(entryArb, { selector: (e) => e.name, maxLength: 30 })

function entry(name: string, extra: Partial<DirectoryEntry> = {}): DirectoryEntry {
  return {
    name,
    kind: 'file',
    size: 3,
    mode: 0o644,
    mtimeMs: 1_700_000_000_123,
    cid: cidOf(name),
    ...extra,
  } as DirectoryEntry
}

const noPages = async (): Promise<CID> => assert.fail('no page expected')

describe('directory documents', () => {
  test('round trip is exact, entries come out sorted by name bytes, and the encoding does not depend on input order', async () => {
    await fc.assert(
      fc.asyncProperty(entriesArb, async (entries) => {
        const a = await buildDirectory(entries, noPages)
        const b = await buildDirectory([...entries].reverse(), noPages)
        assert.deepEqual(a.bytes, b.bytes)
        const decoded = decodeDirectory(a.bytes)
        assert.ok('entries' in decoded)
        assert.deepEqual(decoded, a.document)
        assert.deepEqual(encodeDirectory(decoded), a.bytes)
        const names = decoded.entries.map((e) => e.name)
        for (let i = 1; i < names.length; i++) assert.ok(compareNames(names[i - 1], names[i]) < 0)
        for (const e of entries)
          assert.deepEqual(
            findEntry(decoded, e.name),
            decoded.entries.find((d) => d.name === e.name),
          )
        assert.equal(
          a.size,
          entries.reduce((s, e) => s + e.size, 0),
        )
      }),
    )
  })

  test('names sort by UTF-8 bytes, not UTF-16 units', async () => {
    // U+FF21 (3 UTF-8 bytes, EF BC A1) sorts before U+1F600 (4 bytes, F0...) by bytes, after it by UTF-16.
    const { document } = await buildDirectory([entry('\u{1F600}'), entry('\uFF21'), entry('B'), entry('a')], noPages)
    assert.ok('entries' in document)
    assert.deepEqual(
      document.entries.map((e) => e.name),
      ['B', 'a', '\uFF21', '\u{1F600}'],
    )
  })

  test('decoding arbitrary bytes throws only DirectoryError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        try {
          decodeDirectory(bytes)
        } catch (err) {
          assert.ok(isDirectoryError(err), String(err))
        }
      }),
    )
  })

  test('hostile and malformed documents are refused with a typed error', () => {
    const raw = (e: Record<string, unknown>) => ({
      name: 'x',
      kind: 'file',
      size: 1,
      mode: 0o644,
      mtime: 0,
      cid: cidOf('x'),
      ...e,
    })
    const bad: [string, unknown][] = [
      ['dot-dot name', { version: 1, entries: [raw({ name: '..' })] }],
      ['dot name', { version: 1, entries: [raw({ name: '.' })] }],
      ['slash in name', { version: 1, entries: [raw({ name: 'a/b' })] }],
      ['absolute name', { version: 1, entries: [raw({ name: '/etc' })] }],
      ['NUL in name', { version: 1, entries: [raw({ name: 'a\0b' })] }],
      ['empty name', { version: 1, entries: [raw({ name: '' })] }],
      ['name over 255 bytes', { version: 1, entries: [raw({ name: 'é'.repeat(128) })] }],
      ['duplicate names', { version: 1, entries: [raw({ name: 'a' }), raw({ name: 'a' })] }],
      ['unsorted names', { version: 1, entries: [raw({ name: 'b' }), raw({ name: 'a' })] }],
      ['unknown kind', { version: 1, entries: [raw({ kind: 'fifo' })] }],
      ['mode out of range', { version: 1, entries: [raw({ mode: 0o10000 })] }],
      ['negative size', { version: 1, entries: [raw({ size: -1 })] }],
      ['fractional mtime', { version: 1, entries: [raw({ mtime: 1.5 })] }],
      ['chunk cid instead of manifest', { version: 1, entries: [raw({ cid: chunkCid(new Uint8Array([1])) })] }],
      ['symlink with a cid', { version: 1, entries: [raw({ kind: 'symlink', target: 'a' })] }],
      [
        'symlink size mismatch',
        { version: 1, entries: [{ name: 'l', kind: 'symlink', size: 9, mode: 0o777, mtime: 0, target: 'abc' }] },
      ],
      ['extra key', { version: 1, entries: [raw({ extra: 1 })] }],
      ['version 2', { version: 2, entries: [] }],
      ['both entries and pages', { version: 1, entries: [], pages: [] }],
      ['index of one page', { version: 1, pages: [{ first: 'a', count: 1, size: 0, cid: cidOf('p') }] }],
      [
        'too many entries',
        {
          version: 1,
          entries: Array.from({ length: MAX_PAGE_ENTRIES + 1 }, (_, i) =>
            raw({ name: `f${String(i).padStart(5, '0')}` }),
          ),
        },
      ],
    ]
    for (const [label, value] of bad) {
      assert.throws(() => decodeDirectory(dagCbor.encode(value)), isDirectoryError, label)
    }
  })

  test('non-canonical encodings are refused (one folder, one encoding)', () => {
    const bytes = encodeDirectory({ version: 1, entries: [entry('a')] })
    // mode 0o644 = 420 is encoded minimally as 19 01 a4; the same value widened to 4 bytes is another encoding.
    const hex = Buffer.from(bytes).toString('hex')
    assert.ok(hex.includes('1901a4'))
    const widened = Buffer.from(hex.replace('1901a4', '1a000001a4'), 'hex')
    assert.throws(() => decodeDirectory(widened), isDirectoryError)
    assert.throws(() => decodeDirectory(new Uint8Array([...bytes, 0])), isDirectoryError)
  })

  test('large folders are split into pages; pages are found by name and checked against the index', async () => {
    const entries = Array.from({ length: MAX_PAGE_ENTRIES * 2 + 5 }, (_, i) => entry(`n${String(i).padStart(6, '0')}`))
    const stored = new Map<string, Uint8Array>()
    const built = await buildDirectory(entries, async (bytes) => {
      const cid = manifestCid(bytes)
      stored.set(cid.toString(), bytes)
      return cid
    })
    const index = decodeDirectory(built.bytes)
    assert.ok('pages' in index)
    assert.equal(index.pages.length, 3)
    assert.deepEqual(
      index.pages.map((p) => p.count),
      [MAX_PAGE_ENTRIES, MAX_PAGE_ENTRIES, 5],
    )
    assert.equal(built.size, entries.length * 3)
    const target = entries[MAX_PAGE_ENTRIES + 17].name
    const at = findPage(index.pages, target)
    assert.equal(at, 1)
    const page = checkPage(index.pages, at, decodeDirectory(stored.get(index.pages[at].cid.toString())!))
    assert.equal(findEntry(page, target)?.name, target)
    assert.equal(findPage(index.pages, 'a'), -1)
    // A page presented in the wrong slot of the index is refused.
    const wrong = decodeDirectory(stored.get(index.pages[2].cid.toString())!)
    assert.throws(() => checkPage(index.pages, 1, wrong), isDirectoryError)
  })

  test('paths inside a folder are split into checked names and can never climb out', () => {
    assert.deepEqual(splitFolderPath('a/b/c.txt'), ['a', 'b', 'c.txt'])
    assert.deepEqual(splitFolderPath('/a//b/'), ['a', 'b'])
    assert.deepEqual(splitFolderPath(''), [])
    for (const bad of ['../etc/passwd', 'a/../../b', 'a/./b', 'a\0b']) {
      assert.throws(() => splitFolderPath(bad), isDirectoryError, bad)
    }
  })
})
