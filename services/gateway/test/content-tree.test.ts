import assert from 'node:assert/strict'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import * as dagCbor from '@ipld/dag-cbor'
import {
  buildManifest,
  chunkCid,
  chunkingStore,
  DIRECTORY_MEDIA_TYPE,
  DirectoryError,
  MemoryFolderStore,
  sharedCount,
  walkFolder,
} from '@netswarm/content'
import { walkContentTree } from '../src/names/tree.ts'
import { testBytes } from './helpers/start-gateway.ts'

test('a version tree lists every manifest (files, folder documents) and chunk; shared chunks follow an edit', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'netswarm-tree-'))
  t.after(() => rm(dir, { recursive: true, force: true }))
  await mkdir(join(dir, 'a', 'b'), { recursive: true })
  const big = testBytes(1_500_000, 3)
  await writeFile(join(dir, 'a', 'big.bin'), big)
  await writeFile(join(dir, 'a', 'b', 'small.txt'), 'small')
  await writeFile(join(dir, 'same.txt'), 'small')
  const store = new MemoryFolderStore()
  const v1 = await walkFolder(dir, chunkingStore(store))
  const tree1 = await walkContentTree(store, v1.cid)
  // Every manifest stored (3 folder documents, 3 file manifests) and every chunk is in the tree;
  // small.txt and same.txt are two manifests (names differ) sharing one chunk.
  assert.equal(tree1.manifests.size, store.manifests.size)
  assert.equal(tree1.chunks.size, store.chunks.size)

  await writeFile(
    join(dir, 'a', 'big.bin'),
    Buffer.concat([big.subarray(0, 700_000), testBytes(5000, 9), big.subarray(700_000)]),
  )
  const v2 = await walkFolder(dir, chunkingStore(store))
  const tree2 = await walkContentTree(store, v2.cid)
  const shared = sharedCount(tree2.chunks, tree1.chunks)
  assert.ok(shared > 0 && shared < tree2.chunks.size, `shared ${shared} of ${tree2.chunks.size}`)
  // The untouched sub-folder keeps its document and manifests: both versions use them.
  const common = [...tree2.manifests].filter((m) => tree1.manifests.has(m))
  assert.ok(common.length >= 2, `common manifests ${common.length}`)
  assert.ok(!tree2.manifests.has(v1.cid.toString()))
})

test('a hostile folder document stops the walk with DirectoryError (never published or pruned on)', async () => {
  const store = new MemoryFolderStore()
  const fileBytes = new TextEncoder().encode('x')
  const fileChunk = chunkCid(fileBytes)
  await store.putChunk(fileChunk, fileBytes)
  const file = buildManifest({ name: 'x', chunks: [{ cid: fileChunk, size: 1 }] })
  await store.putManifest(file.cid, file.bytes)
  for (const name of ['..', '../escape', '/etc/passwd']) {
    const doc = dagCbor.encode({
      version: 1,
      entries: [{ name, kind: 'file', size: 1, mode: 0o644, mtime: 0, cid: file.cid }],
    })
    const docChunk = chunkCid(doc)
    await store.putChunk(docChunk, doc)
    const folder = buildManifest({
      name: 'evil',
      mediaType: DIRECTORY_MEDIA_TYPE,
      chunks: [{ cid: docChunk, size: doc.length }],
    })
    await store.putManifest(folder.cid, folder.bytes)
    await assert.rejects(walkContentTree(store, folder.cid), (err) => err instanceof DirectoryError)
  }
})
