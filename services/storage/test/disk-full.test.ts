import assert from 'node:assert/strict'
import { execFileSync, spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { once } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { readCounters } from '@netswarm/chunk-store'
import { CID } from 'multiformats/cid'
import { Storage } from '../src/store/storage.ts'

const FILLER = join(fileURLToPath(new URL('.', import.meta.url)), 'fixtures', 'disk-filler.ts')

/** Mounts a small tmpfs (needs root); false when this machine does not allow it. */
function smallFilesystem(dir: string, size: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

test('a full disk mid-upload refuses the write and leaves the store consistent', async (t) => {
  const mountPoint = mkdtempSync(join(tmpdir(), 'netswarm-full-'))
  if (!smallFilesystem(mountPoint, '8m')) {
    rmSync(mountPoint, { recursive: true })
    t.skip('mounting a small tmpfs needs root')
    return
  }
  t.after(() => {
    execFileSync('umount', [mountPoint])
    rmSync(mountPoint, { recursive: true })
  })
  const dir = join(mountPoint, 'db')
  const child = spawn(process.execPath, ['--import', 'tsx', FILLER, dir], { stdio: ['ignore', 'pipe', 'ignore'] })
  const exited = once(child, 'close')
  const acked: string[] = []
  let error = ''
  for await (const line of createInterface({ input: child.stdout })) {
    if (line.startsWith('ack ')) acked.push(line.slice(4))
    else if (line.startsWith('error ')) error = line
  }
  const [code] = await exited
  assert.equal(code, 0, 'the writer survived the full disk')
  assert.match(error, /Commit failed/, 'the failing put was refused')
  assert.ok(acked.length > 10)

  const storage = await Storage.open({ path: dir })
  try {
    for (const text of acked) {
      const cid = CID.parse(text)
      const bytes = storage.getChunk(cid)
      assert.ok(bytes, `acknowledged ${text} missing`)
      assert.ok(createHash('sha256').update(bytes).digest().equals(cid.multihash.digest))
    }
    let count = 0
    for (const { key, value } of storage.chunks.layout.chunks.getRange({})) {
      assert.ok(createHash('sha256').update(value).digest().equals(CID.decode(key).multihash.digest))
      count += 1
    }
    assert.equal(readCounters(storage.chunks.layout).chunks, count, 'counters match the stored chunks')
    assert.ok(count >= acked.length && count <= acked.length + 1)
  } finally {
    await storage.close()
  }
})
