import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import {
  chmod,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  readlink,
  rm,
  symlink,
  utimes,
  writeFile,
} from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import * as dagCbor from '@ipld/dag-cbor'
import fc from 'fast-check'
import {
  buildManifest,
  type CID,
  chunkCid,
  chunkingStore,
  DIRECTORY_MEDIA_TYPE,
  DirectoryError,
  type FolderSource,
  type FolderStore,
  MAX_PAGE_ENTRIES,
  MemoryFolderStore,
  readDirectory,
  resolveFolderPath,
  restoreFolder,
  type StoredFileRef,
  UnsafePathError,
  walkFolder,
} from '../src/index.ts'
import { pseudoRandomBytes } from './helpers.ts'

/** The in-memory store, plus a way to plant hostile documents. */
class MemoryStore extends MemoryFolderStore {
  /** Stores raw bytes as a file of `mediaType` (to plant hostile documents). */
  putFile(bytes: Uint8Array, mediaType: string, name = 'x'): CID {
    const chunks = bytes.length === 0 ? [] : [{ cid: chunkCid(bytes), size: bytes.length }]
    if (bytes.length > 0) this.chunks.set(chunks[0].cid.toString(), bytes)
    const built = buildManifest({ name, mediaType, chunks })
    this.manifests.set(built.cid.toString(), built.bytes)
    return built.cid
  }
}

interface Node {
  kind: string
  mode: number
  mtimeMs: number
  size: number
  target?: string
  hash?: string
}

/** Everything restore must reproduce, path by path (mtimes as whole milliseconds). */
async function snapshot(root: string, rel = ''): Promise<Record<string, Node>> {
  // No prototype: an entry may be called __proto__.
  const out: Record<string, Node> = Object.create(null)
  for (const name of (await readdir(join(root, rel))).sort()) {
    const path = rel === '' ? name : `${rel}/${name}`
    const info = await lstat(join(root, path))
    const node: Node = {
      kind: info.isSymbolicLink() ? 'symlink' : info.isDirectory() ? 'directory' : 'file',
      mode: info.mode & 0o7777,
      mtimeMs: Math.round(info.mtimeMs),
      size: info.isDirectory() ? 0 : info.size,
    }
    if (info.isSymbolicLink()) node.target = await readlink(join(root, path))
    else if (info.isFile()) node.hash = chunkCid(await readFile(join(root, path))).toString()
    else Object.assign(out, await snapshot(root, path))
    out[path] = node
  }
  return out
}

async function makeTree(t: { after: (fn: () => Promise<void>) => void }) {
  const base = await mkdtemp(join(tmpdir(), 'netswarm-folder-'))
  t.after(() => chmodAll(base).then(() => rm(base, { recursive: true, force: true })))
  const src = join(base, 'photos')
  await mkdir(join(src, 'nested/deeper'), { recursive: true })
  await mkdir(join(src, 'empty'))
  await mkdir(join(src, 'locked'))
  await writeFile(join(src, 'big.bin'), pseudoRandomBytes('big', 700_000)) // several chunks
  await writeFile(join(src, 'empty.txt'), '')
  await writeFile(join(src, 'nested/a.txt'), 'hello\n')
  await writeFile(join(src, 'nested/deeper/b.md'), '# b\n')
  await writeFile(join(src, 'locked/secret.txt'), 'only me')
  await writeFile(join(src, 'héllo wörld ✓.txt'), 'unicode name')
  await symlink('nested/a.txt', join(src, 'link-inside'))
  await symlink('../../../../etc/passwd', join(src, 'link-outside'))
  await chmod(join(src, 'big.bin'), 0o755)
  await chmod(join(src, 'nested/a.txt'), 0o600)
  await chmod(join(src, 'locked/secret.txt'), 0o400)
  await chmod(join(src, 'locked'), 0o500)
  // Distinct times, with milliseconds, on files, folders and symlinks (folders last: writes inside change them).
  await utimes(join(src, 'big.bin'), 1_600_000_000.123, 1_600_000_000.123)
  await utimes(join(src, 'nested/deeper/b.md'), 1_500_000_000.987, 1_500_000_000.987)
  await utimes(join(src, 'nested/deeper'), 1_400_000_000.5, 1_400_000_000.5)
  await utimes(join(src, 'nested'), 1_300_000_000.25, 1_300_000_000.25)
  await utimes(join(src, 'locked'), 1_200_000_000.001, 1_200_000_000.001)
  return { base, src }
}

async function chmodAll(dir: string): Promise<void> {
  await chmod(dir, 0o700).catch(() => {})
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    if (entry.isDirectory()) await chmodAll(join(dir, entry.name))
  }
}

const isUnsafe = (err: unknown) => err instanceof UnsafePathError && err.code === 'INVALID_ARGUMENT'

describe('walkFolder and restoreFolder', () => {
  test('a walked folder restores byte-identical with modes, mtimes, nested folders and symlinks, and re-walks to the same CID', async (t) => {
    const { base, src } = await makeTree(t)
    const store = new MemoryStore()
    const walked = await walkFolder(src, chunkingStore(store))
    assert.equal(walked.files, 6)
    assert.equal(walked.symlinks, 2)
    assert.equal(walked.directories, 5) // photos, empty, locked, nested, nested/deeper
    assert.deepEqual(walked.skipped, [])
    assert.equal(walked.size, 700_000 + 6 + 4 + 7 + 'unicode name'.length + 'nested/a.txt'.length + 22)

    const out = join(base, 'restored')
    const restored = await restoreFolder(store, walked.cid, out)
    assert.deepEqual(restored, { files: 6, directories: 4, symlinks: 2, bytes: 700_000 + 6 + 4 + 7 + 12 })
    assert.deepEqual(await snapshot(out), await snapshot(src))
    // The link pointing outside is recreated as a link, not followed.
    assert.equal(await readlink(join(out, 'link-outside')), '../../../../etc/passwd')

    const again = await walkFolder(out, chunkingStore(new MemoryStore()), { name: 'photos' })
    assert.equal(again.cid.toString(), walked.cid.toString())
  })

  test('knownFile: a file whose ref is known is not opened, and the folder gets the same CID', async (t) => {
    const { src } = await makeTree(t)
    const refs = new Map<string, StoredFileRef>()
    const walked = await walkFolder(src, chunkingStore(new MemoryStore()), {
      onFile: (path, ref, info, known) => {
        assert.equal(known, false)
        assert.equal(info.size, BigInt(ref.size))
        refs.set(path, ref)
      },
    })
    assert.equal(walked.filesKnown, 0)
    assert.equal(walked.bytesRead, 700_000 + 6 + 4 + 7 + 12)
    const asked: string[] = []
    const again = await walkFolder(src, chunkingStore(new MemoryStore()), {
      knownFile: (file) => {
        asked.push(file.path)
        assert.equal(file.name, file.path.split('/').at(-1))
        return refs.get(file.path)
      },
    })
    assert.deepEqual(asked.sort(), [...refs.keys()].sort())
    assert.equal(again.cid.toString(), walked.cid.toString())
    assert.equal(again.filesKnown, walked.files)
    assert.equal(again.bytesRead, 0)
  })

  test('property: any generated tree restores identically and re-walks to the same CID', async (t) => {
    const base = await mkdtemp(join(tmpdir(), 'netswarm-folder-prop-'))
    t.after(() => chmodAll(base).then(() => rm(base, { recursive: true, force: true })))
    type Tree = { [name: string]: Tree | { bytes: Uint8Array; mode: number; mtime: number } | { link: string } }
    const nameArb = fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 12 })
      .filter((n) => n !== '.' && n !== '..' && !/[/\0]/.test(n) && Buffer.byteLength(n) <= 255)
    const leafArb = fc.oneof(
      fc.record({
        bytes: fc.uint8Array({ maxLength: 2000 }),
        mode: fc.constantFrom(0o644, 0o600, 0o755, 0o400, 0o2755),
        mtime: fc.integer({ min: 0, max: 4_000_000_000_000 }),
      }),
      fc.record({ link: fc.string({ minLength: 1, maxLength: 30 }).filter((l) => !l.includes('\0')) }),
    )
    const treeArb: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
      tree: fc.dictionary(nameArb, fc.oneof({ depthSize: 'small' }, leafArb, tie('tree')), { maxKeys: 5 }),
    })).tree
    const write = async (dir: string, tree: Tree) => {
      await mkdir(dir)
      for (const [name, node] of Object.entries(tree)) {
        const path = join(dir, name)
        if ('link' in node && typeof node.link === 'string') await symlink(node.link, path)
        else if ('bytes' in node && node.bytes instanceof Uint8Array) {
          await writeFile(path, node.bytes)
          await chmod(path, node.mode as number)
          await utimes(path, (node.mtime as number) / 1000, (node.mtime as number) / 1000)
        } else await write(path, node as Tree)
      }
    }
    let run = 0
    await fc.assert(
      fc.asyncProperty(treeArb, async (tree) => {
        const dir = join(base, `run-${run++}`)
        await mkdir(dir)
        const src = join(dir, 'src')
        await write(src, tree)
        const store = new MemoryStore()
        const walked = await walkFolder(src, chunkingStore(store))
        const out = join(dir, 'out')
        await restoreFolder(store, walked.cid, out)
        assert.deepEqual(await snapshot(out), await snapshot(src))
        const again = await walkFolder(out, chunkingStore(new MemoryStore()), { name: 'src' })
        assert.equal(again.cid.toString(), walked.cid.toString())
      }),
      { numRuns: 25, examples: [[{ ['__proto__']: { link: ' ' } } as Tree]] },
    )
  })

  test('the CID is deterministic and changes with a mode, an mtime or a byte', async (t) => {
    const { src } = await makeTree(t)
    const cid = async () => (await walkFolder(src, chunkingStore(new MemoryStore()))).cid.toString()
    const first = await cid()
    assert.equal(await cid(), first)
    await chmod(join(src, 'nested/deeper/b.md'), 0o640)
    const afterMode = await cid()
    assert.notEqual(afterMode, first)
    await utimes(join(src, 'empty.txt'), 1_000_000_000, 1_000_000_000)
    const afterTime = await cid()
    assert.notEqual(afterTime, afterMode)
    await writeFile(join(src, 'empty.txt'), 'x')
    await utimes(join(src, 'empty.txt'), 1_000_000_000, 1_000_000_000)
    assert.notEqual(await cid(), afterTime)
  })

  test('sockets and FIFOs are skipped and reported, not fatal', async (t) => {
    const { src } = await makeTree(t)
    execFileSync('mkfifo', [join(src, 'nested/pipe')])
    const skipped: string[] = []
    const walked = await walkFolder(src, chunkingStore(new MemoryStore()), { onSkip: (path) => skipped.push(path) })
    assert.deepEqual(skipped, ['nested/pipe'])
    assert.equal(walked.skipped[0].reason, 'not a regular file, folder or symlink')
  })

  test('entries that vanish while the folder is read are skipped and reported, not fatal', async (t) => {
    const base = await mkdtemp(join(tmpdir(), 'netswarm-folder-'))
    t.after(() => rm(base, { recursive: true, force: true }))
    const src = join(base, 'live')
    await mkdir(join(src, 'c-dir'), { recursive: true })
    await writeFile(join(src, 'a.txt'), 'a')
    await writeFile(join(src, 'b.txt'), 'b')
    await writeFile(join(src, 'c-dir/x'), 'x')
    const inner = chunkingStore(new MemoryStore())
    // Storing a.txt deletes b.txt and c-dir, which were already listed: as a live folder changes under a backup.
    const store: FolderStore = {
      async storeFile(file) {
        if (file.path === 'a.txt') {
          await rm(join(src, 'b.txt'))
          await rm(join(src, 'c-dir'), { recursive: true })
        }
        return inner.storeFile(file)
      },
    }
    const walked = await walkFolder(src, store)
    assert.deepEqual(
      walked.skipped.map((s) => `${s.path}: ${s.reason}`),
      ['b.txt: vanished while the folder was read', 'c-dir: vanished while the folder was read'],
    )
    assert.equal(walked.files, 1)
  })

  test('a folder of more than one page restores exactly and resolves paths in any page', async (t) => {
    const base = await mkdtemp(join(tmpdir(), 'netswarm-folder-'))
    t.after(() => rm(base, { recursive: true, force: true }))
    const src = join(base, 'many')
    await mkdir(src)
    const count = MAX_PAGE_ENTRIES + 3
    for (let i = 0; i < count; i++) await writeFile(join(src, `f${i}`), `${i}`)
    const store = new MemoryStore()
    const walked = await walkFolder(src, chunkingStore(store))
    const top = await readDirectory(store, walked.cid)
    assert.ok('pages' in top && top.pages.length === 2)
    const found = await resolveFolderPath(store, walked.cid, [`f${count - 1}`])
    assert.equal(found.entry?.kind, 'file')
    assert.equal(found.entry?.size, String(count - 1).length)
    const out = join(base, 'out')
    const restored = await restoreFolder(store, walked.cid, out)
    assert.equal(restored.files, count)
    assert.deepEqual(await snapshot(out), await snapshot(src))
  })

  test('restore refuses a non-empty target, hostile documents and corrupt bytes, and writes nothing outside', async (t) => {
    const { base, src } = await makeTree(t)
    const store = new MemoryStore()
    const walked = await walkFolder(src, chunkingStore(store))

    // A target holding anything (here a symlink that points elsewhere) is refused before any write.
    const busy = join(base, 'busy')
    await mkdir(busy)
    await symlink(base, join(busy, 'nested'))
    await assert.rejects(restoreFolder(store, walked.cid, busy), isUnsafe)
    assert.deepEqual(await readdir(busy), ['nested'])

    // Hostile names planted in a document: refused by the strict decoder, nothing written.
    const cidOfA = walked.cid
    for (const name of ['..', '../escape', '/etc/x', 'a\0b']) {
      const doc = dagCbor.encode({
        version: 1,
        entries: [{ name, kind: 'file', size: 0, mode: 0o644, mtime: 0, cid: cidOfA }],
      })
      const hostile = store.putFile(doc, DIRECTORY_MEDIA_TYPE)
      const target = join(base, `hostile-${Buffer.from(name).toString('hex')}`)
      await assert.rejects(restoreFolder(store, hostile, target), (err) => err instanceof DirectoryError)
      assert.deepEqual(await readdir(target), [])
    }
    assert.deepEqual(
      (await readdir(base)).sort(),
      [
        'busy',
        ...['..', '../escape', '/etc/x', 'a\0b'].map((n) => `hostile-${Buffer.from(n).toString('hex')}`),
        'photos',
      ].sort(),
    )

    // A plain file is not a folder.
    const plain = store.putFile(new TextEncoder().encode('not a folder'), 'text/plain')
    await assert.rejects(restoreFolder(store, plain, join(base, 'plain')), (err) => err instanceof DirectoryError)

    // Corrupt chunk bytes: IntegrityError, and the half-written file is removed.
    const corrupt: FolderSource = {
      manifest: (cid) => store.manifest(cid),
      async *content(cid, manifest) {
        for await (const block of store.content(cid, manifest)) {
          yield manifest.name === 'big.bin' ? new Uint8Array(block.length) : block
        }
      },
    }
    const out = join(base, 'corrupt')
    await assert.rejects(restoreFolder(corrupt, walked.cid, out), (err: { code?: string }) => err.code === 'INTEGRITY')
    await assert.rejects(lstat(join(out, 'big.bin')), { code: 'ENOENT' })
  })
})
