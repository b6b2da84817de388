import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
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
import { runCli, startSwarm, testBytes } from './helpers/swarm.ts'

/** Kind, permission bits, mtime (whole ms), size and content hash or link target of every path below `root`. */
async function snapshot(root: string, rel = ''): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  for (const name of (await readdir(join(root, rel))).sort()) {
    const path = rel === '' ? name : `${rel}/${name}`
    const info = await lstat(join(root, path))
    const head = `${(info.mode & 0o7777).toString(8)} ${Math.round(info.mtimeMs)}`
    if (info.isSymbolicLink()) out[path] = `link ${head} -> ${await readlink(join(root, path))}`
    else if (info.isDirectory()) {
      Object.assign(out, await snapshot(root, path))
      out[path] = `dir ${head}`
    } else {
      const hash = createHash('sha256')
        .update(await readFile(join(root, path)))
        .digest('hex')
      out[path] = `file ${head} ${info.size} ${hash}`
    }
  }
  return out
}

describe('folders across peers', () => {
  test('netswarm add <dir> on A, netswarm fetch on B restores it exactly; B serves it by path', async (t) => {
    const swarm = await startSwarm(t, 2)
    const [a, b] = swarm.peers
    const dir = await mkdtemp(join(tmpdir(), 'netswarm-folders-'))
    t.after(() => rm(dir, { recursive: true, force: true }))
    const src = join(dir, 'project')
    await mkdir(join(src, 'src/lib'), { recursive: true })
    await mkdir(join(src, 'empty'))
    const big = testBytes(1_500_000, 9)
    await writeFile(join(src, 'data.bin'), big)
    await writeFile(join(src, 'src/main.ts'), 'console.log(1)\n')
    await writeFile(join(src, 'src/lib/util.ts'), 'export {}\n')
    await writeFile(join(src, 'run.sh'), '#!/bin/sh\necho hi\n')
    await writeFile(join(src, 'empty.txt'), '')
    await symlink('src/main.ts', join(src, 'entry'))
    await symlink('/etc/hostname', join(src, 'outside'))
    await chmod(join(src, 'run.sh'), 0o755)
    await chmod(join(src, 'src/lib/util.ts'), 0o600)
    await utimes(join(src, 'data.bin'), 1_650_000_000.321, 1_650_000_000.321)
    await utimes(join(src, 'src/lib'), 1_640_000_000.5, 1_640_000_000.5)
    await chmod(join(src, 'src'), 0o750)

    const added = await runCli(['add', src, '--json', '-g', a.gatewayUrl], { NETSWARM_TOKEN: swarm.token })
    assert.equal(added.code, 0, added.stderr)
    const result = JSON.parse(added.stdout.toString()) as {
      cid: string
      files: number
      directories: number
      symlinks: number
    }
    assert.equal(result.files, 5)
    assert.equal(result.directories, 4)
    assert.equal(result.symlinks, 2)

    // The folder's CID is announced like a file's: B's DHT lookup finds A providing it.
    const info = await fetch(`${b.gatewayUrl}/api/v1/files/${result.cid}`)
    assert.equal(info.status, 200)
    const details = (await info.json()) as { mediaType: string; providers: { peerId: string }[] }
    assert.equal(details.mediaType, 'application/vnd.netswarm.directory')
    assert.ok(details.providers.some((p) => p.peerId === a.peerId))
    // Children are announced too: a file two folders down, found by its CID from B's listing.
    const listing = (await (await fetch(`${b.gatewayUrl}/api/v1/folders/${result.cid}?path=src/lib`)).json()) as {
      entries: { name: string; cid: string }[]
    }
    const util = listing.entries.find((e) => e.name === 'util.ts')
    assert.ok(util)
    const child = (await (await fetch(`${b.gatewayUrl}/api/v1/files/${util.cid}`)).json()) as {
      providers: { peerId: string }[]
    }
    assert.ok(child.providers.some((p) => p.peerId === a.peerId))

    const out = join(dir, 'restored')
    const fetched = await runCli(['fetch', result.cid, '-o', out, '--json', '-g', b.gatewayUrl])
    assert.equal(fetched.code, 0, fetched.stderr)
    const summary = JSON.parse(fetched.stdout.toString()) as { files: number; verified: boolean }
    assert.equal(summary.files, 5)
    assert.equal(summary.verified, true)
    assert.deepEqual(await snapshot(out), await snapshot(src))

    // Adding the same folder again gives the same CID (deterministic), fetched bytes or not.
    const again = await runCli(['add', src, '-q', '-g', a.gatewayUrl], { NETSWARM_TOKEN: swarm.token })
    assert.equal(again.stdout.toString().trim(), result.cid)

    // B serves files by path from the swarm; a missing path is 404; a second restore into a
    // non-empty folder is refused (exit 2) without touching it.
    const file = await fetch(`${b.gatewayUrl}/f/${result.cid}/src/lib/util.ts`)
    assert.equal(file.status, 200)
    assert.equal(await file.text(), 'export {}\n')
    const range = await fetch(`${b.gatewayUrl}/f/${result.cid}/data.bin`, { headers: { range: 'bytes=-10' } })
    assert.equal(range.status, 206)
    assert.ok(Buffer.from(await range.arrayBuffer()).equals(big.subarray(big.length - 10)))
    assert.equal((await fetch(`${b.gatewayUrl}/f/${result.cid}/src/nope.ts`)).status, 404)
    const refused = await runCli(['fetch', result.cid, '-o', out, '-g', b.gatewayUrl])
    assert.equal(refused.code, 2, refused.stderr)
    assert.match(refused.stderr, /not empty/)
    const cat = await runCli(['cat', result.cid, '-g', b.gatewayUrl])
    assert.equal(cat.code, 2, cat.stderr)
    assert.match(cat.stderr, /is a folder/)
  })
})
