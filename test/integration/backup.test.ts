import assert from 'node:assert/strict'
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import {
  chmod,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  readlink,
  rm,
  stat,
  symlink,
  utimes,
  writeFile,
} from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { test } from 'node:test'
import { BIN, runCli, startSwarm, testBytes } from './helpers/swarm.ts'

/** Path → [kind, mode, mtime ms, bytes or link target] of everything below `root`. */
async function snapshot(root: string, prefix = ''): Promise<Map<string, [string, number, number, string]>> {
  const out = new Map<string, [string, number, number, string]>()
  for (const name of (await readdir(join(root, prefix))).sort()) {
    const rel = prefix ? `${prefix}/${name}` : name
    const info = await lstat(join(root, rel))
    const mtime = Math.round(info.mtimeMs)
    if (info.isSymbolicLink()) out.set(rel, ['link', info.mode & 0o7777, mtime, await readlink(join(root, rel))])
    else if (info.isDirectory()) {
      out.set(rel, ['dir', info.mode & 0o7777, mtime, ''])
      for (const [k, v] of await snapshot(root, rel)) out.set(k, v)
    } else if (info.isFile()) {
      const bytes = await readFile(join(root, rel))
      out.set(rel, ['file', info.mode & 0o7777, mtime, bytes.toString('base64')])
    }
  }
  return out
}

async function makeFolder(root: string): Promise<void> {
  await mkdir(join(root, 'docs', 'deep'), { recursive: true })
  await writeFile(join(root, 'docs', 'report.bin'), testBytes(1_200_000, 1))
  await writeFile(join(root, 'docs', 'deep', 'notes.txt'), 'hello folder\n')
  await writeFile(join(root, 'run.sh'), '#!/bin/sh\necho hi\n')
  await chmod(join(root, 'run.sh'), 0o755)
  await writeFile(join(root, 'secret.txt'), 'private')
  await chmod(join(root, 'secret.txt'), 0o600)
  await symlink('docs/report.bin', join(root, 'latest'))
  await utimes(join(root, 'docs', 'deep', 'notes.txt'), 1_600_000_000, 1_600_000_000.25)
  await utimes(join(root, 'docs', 'deep'), 1_500_000_000, 1_500_000_000)
  // A FIFO cannot be backed up: it is reported and skipped, never fatal.
  execFileSync('mkfifo', [join(root, 'pipe')])
}

test('backup v1..v3 of a folder on A; B restores v1 and v3 exactly; history; prune', async (t) => {
  const swarm = await startSwarm(t, 2)
  const [a, b] = swarm.peers
  const dir = await mkdtemp(join(tmpdir(), 'netswarm-backup-'))
  t.after(() => rm(dir, { recursive: true, force: true }))
  const env = { NETSWARM_TOKEN: swarm.token }
  const cli = async (args: string[], gateway: string) => {
    const run = await runCli([...args, '-g', gateway], env)
    assert.equal(run.code, 0, `${args.join(' ')}: ${run.stderr}`)
    return run.stdout.toString()
  }
  const src = join(dir, 'home')
  await makeFolder(src)
  await cli(['name', 'create', 'home'], a.gatewayUrl)

  const backup = async (message: string) =>
    JSON.parse(await cli(['backup', src, '--name', 'home', '-m', message, '--json'], a.gatewayUrl))
  const v1 = await backup('first')
  assert.equal(v1.sequence, 1)
  assert.deepEqual(
    v1.skipped.map((s: { path: string }) => s.path),
    ['pipe'],
  )
  const snap1 = await snapshot(src)
  snap1.delete('pipe')

  // v2: an insertion in the middle of the big file; v3: a new file.
  const big = await readFile(join(src, 'docs', 'report.bin'))
  await writeFile(
    join(src, 'docs', 'report.bin'),
    Buffer.concat([big.subarray(0, 600_000), testBytes(3000, 5), big.subarray(600_000)]),
  )
  const v2 = await backup('insert')
  assert.equal(v2.sequence, 2)
  assert.ok(v2.chunksSkipped > 0, 'unchanged chunks were sent again')
  assert.ok(v2.bytesSent < big.length, `v2 sent ${v2.bytesSent} bytes for a 3000-byte insertion`)
  await writeFile(join(src, 'added.txt'), 'new in v3')
  // `publish <dir>` is the same upload as `backup`.
  const v3 = JSON.parse(await cli(['publish', src, '--name', 'home', '-m', 'add', '--json'], a.gatewayUrl))
  assert.equal(v3.sequence, 3)
  // The new file's one chunk and the top folder's new document; nothing else.
  assert.equal(v3.chunksSent, 2)
  const snap3 = await snapshot(src)
  snap3.delete('pipe')

  // Another peer: resolve, history, restore v1 and the newest.
  assert.equal((await cli(['resolve', v3.link], b.gatewayUrl)).trim(), v3.cid)
  const history = JSON.parse(await cli(['history', v3.link, '--json'], b.gatewayUrl))
  assert.deepEqual(
    history.versions.map((v: { sequence: number; cid: string }) => [v.sequence, v.cid]),
    [
      [3, v3.cid],
      [2, v2.cid],
      [1, v1.cid],
    ],
  )
  assert.ok(history.versions[0].sharedChunks > 0 && history.versions[0].sharedChunks < history.versions[0].chunks)
  const out1 = join(dir, 'restored-v1')
  await cli(['restore', `${v3.link}@1`, out1], b.gatewayUrl)
  assert.deepEqual(await snapshot(out1), snap1)
  const out3 = join(dir, 'restored-v3')
  await cli(['restore', v3.link, out3], b.gatewayUrl)
  assert.deepEqual(await snapshot(out3), snap3)
  // A target that is not empty is refused and left as it was.
  const busy = join(dir, 'busy')
  await mkdir(busy)
  await writeFile(join(busy, 'keep.txt'), 'mine')
  const refused = await runCli(['restore', v3.link, busy, '-g', b.gatewayUrl])
  assert.notEqual(refused.code, 0)
  assert.deepEqual(await readdir(busy), ['keep.txt'])

  // Prune to the newest version: what only v1 and v2 used is unpinned, v3 stays whole.
  const pruned = JSON.parse(await cli(['prune', 'home', '--keep-last', '1', '--json'], a.gatewayUrl))
  assert.deepEqual(pruned.kept, [3])
  assert.deepEqual(pruned.dropped, [2, 1])
  assert.ok(pruned.unpinned >= 2, `unpinned ${pruned.unpinned}`)
  const out3again = join(dir, 'restored-v3-after-prune')
  await cli(['restore', 'home', out3again], a.gatewayUrl)
  assert.deepEqual(await snapshot(out3again), snap3)
})

/** Starts `netswarm backup --events`; resolves each sent chunk's event as it is printed. */
function startBackup(args: string[], env: Record<string, string>) {
  const child: ChildProcess = spawn(process.execPath, [BIN, 'backup', ...args, '--events'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const chunks: { cid: string; bytes: number }[] = []
  let summary: { bytesSent: number; chunksSent: number; manifestsSent: number; chunksSkipped: number } | undefined
  let stderr = ''
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString()
  })
  const lines = createInterface({ input: child.stdout! })
  let text = ''
  const listeners: (() => void)[] = []
  lines.on('line', (line) => {
    if (line.startsWith('{"event":"chunk"')) chunks.push(JSON.parse(line))
    else if (!line.startsWith('{"event":"manifest"')) text += `${line}\n`
    for (const l of listeners) l()
  })
  const closed = new Promise<number | null>((resolve) => {
    lines.on('close', () => {
      if (text.trim().startsWith('{')) summary = JSON.parse(text)
      child.once('exit', (code) => resolve(code))
      if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode)
    })
  })
  return {
    child,
    chunks,
    closed,
    summary: () => summary,
    stderr: () => stderr,
    /** Resolves once `n` chunks were reported sent. */
    chunksSent(n: number) {
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (chunks.length >= n) resolve()
        }
        listeners.push(check)
        check()
        closed.then(() => reject(new Error(`backup ended after ${chunks.length} chunks: ${stderr}`)))
      })
    },
  }
}

test('a backup killed halfway, run again, re-sends nothing already stored', async (t) => {
  const swarm = await startSwarm(t, 1)
  const [a] = swarm.peers
  const dir = await mkdtemp(join(tmpdir(), 'netswarm-resume-'))
  t.after(() => rm(dir, { recursive: true, force: true }))
  const src = join(dir, 'data')
  await mkdir(src)
  for (let i = 0; i < 3; i++) await writeFile(join(src, `part${i}.bin`), testBytes(6 * 1024 * 1024, 100 + i))
  const env = { NETSWARM_TOKEN: swarm.token, NETSWARM_GATEWAY: a.gatewayUrl, NETSWARM_CACHE_DIR: join(dir, 'cache') }
  assert.equal((await runCli(['name', 'create', 'data'], env)).code, 0)

  const first = startBackup([src, '--name', 'data'], env)
  await first.chunksSent(10)
  first.child.kill('SIGKILL')
  await first.closed
  assert.equal(first.summary(), undefined, 'the first backup finished before it was killed')
  const sentFirst = new Set(first.chunks.map((c) => c.cid))

  const second = startBackup([src, '--name', 'data'], env)
  assert.equal(await second.closed, 0, second.stderr())
  const summary = second.summary()
  assert.ok(summary)
  const resent = second.chunks.filter((c) => sentFirst.has(c.cid))
  assert.deepEqual(resent, [], 'chunks stored by the killed run were sent again')
  assert.ok(summary.chunksSkipped >= sentFirst.size)
  const total = 3 * 6 * 1024 * 1024
  const firstBytes = first.chunks.reduce((n, c) => n + c.bytes, 0)
  assert.ok(summary.bytesSent <= total - firstBytes + 64 * 1024, `second run sent ${summary.bytesSent} of ${total}`)

  // Nothing changed: a third run sends nothing at all.
  const third = startBackup([src, '--name', 'data'], env)
  assert.equal(await third.closed, 0, third.stderr())
  assert.equal(third.summary()?.bytesSent, 0)
  assert.equal(third.chunks.length, 0)
})

test('the file index: unchanged files are not read; changes, a damaged index and a peer without the data are not trusted', async (t) => {
  const swarm = await startSwarm(t, 2)
  const [a, b] = swarm.peers
  const dir = await mkdtemp(join(tmpdir(), 'netswarm-index-'))
  t.after(() => rm(dir, { recursive: true, force: true }))
  const cache = join(dir, 'cache')
  const env = { NETSWARM_TOKEN: swarm.token, NETSWARM_CACHE_DIR: cache }
  const src = join(dir, 'data')
  await mkdir(join(src, 'sub'), { recursive: true })
  const files: [string, Buffer][] = [
    ...Array.from({ length: 4 }, (_, i): [string, Buffer] => [`part${i}.bin`, testBytes(6 * 1024 * 1024, 200 + i)]),
    ['sub/same.bin', testBytes(100_000, 210)],
    ['sub/notes.txt', Buffer.from('unchanged notes\n')],
  ]
  // Old whole-second times, as a real folder's files have: a file modified in the second a
  // backup starts is not trusted by the next one (tested in cli/test/file-index.test.ts).
  const old = Math.floor(Date.now() / 1000) - 3600
  for (const [path, bytes] of files) {
    await writeFile(join(src, path), bytes)
    await utimes(join(src, path), old, old)
  }
  const total = files.reduce((n, [, bytes]) => n + bytes.length, 0)
  const run = async (args: string[], gateway: string) => {
    const result = await runCli([...args, '-g', gateway], env)
    assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`)
    return result
  }
  await run(['name', 'create', 'data'], a.gatewayUrl)
  const backup = async (gateway = a.gatewayUrl, label = 'data', extra: string[] = []) => {
    const started = performance.now()
    const result = await run(['backup', src, '--name', label, '--json', ...extra], gateway)
    return {
      ...JSON.parse(result.stdout.toString()),
      wall: (performance.now() - started) / 1000,
      stderr: result.stderr,
    }
  }
  const restored = async (label: string, gateway: string) => {
    const out = await mkdtemp(join(dir, 'restored-'))
    await run(['restore', label, out], gateway)
    return snapshot(out)
  }

  const v1 = await backup()
  assert.equal(v1.bytesRead, total)
  assert.equal(v1.filesUnchanged, 0)

  // The second backup of the unchanged folder, without and with the index: same version
  // content, but with the index not one byte of a file is read.
  const full = await backup(a.gatewayUrl, 'data', ['--no-cache'])
  assert.equal(full.bytesRead, total)
  assert.equal(full.cid, v1.cid)
  const cached = await backup()
  assert.equal(cached.cid, v1.cid)
  assert.equal(cached.bytesRead, 0, 'an unchanged file was read')
  assert.equal(cached.filesUnchanged, files.length)
  assert.equal(cached.bytesSent, 0)
  const mib = (total / 1024 / 1024).toFixed(0)
  t.diagnostic(
    `second backup of an unchanged ${mib} MiB folder (${files.length} files), wall time of the CLI process: ` +
      `--no-cache ${full.wall.toFixed(2)} s (backup ${full.seconds.toFixed(2)} s), ` +
      `with the file index ${cached.wall.toFixed(2)} s (backup ${cached.seconds.toFixed(2)} s)`,
  )

  // New bytes of the same size with the mtime put back: the ctime moved, so it is read. A touched
  // file (same bytes, new mtime) is read too.
  const changed = testBytes(100_000, 211)
  await writeFile(join(src, 'sub', 'same.bin'), changed)
  await utimes(join(src, 'sub', 'same.bin'), old, old)
  assert.equal((await stat(join(src, 'sub', 'same.bin'))).mtimeMs, old * 1000)
  await utimes(join(src, 'part0.bin'), old + 10, old + 10)
  const v4 = await backup()
  assert.equal(v4.bytesRead, changed.length + files[0][1].length)
  assert.equal(v4.filesUnchanged, files.length - 2)
  assert.notEqual(v4.cid, v1.cid)
  const expected = await snapshot(src)
  assert.equal(expected.get('sub/same.bin')?.[3], changed.toString('base64'))
  assert.deepEqual(await restored('data', a.gatewayUrl), expected)

  // A damaged index: a warning, every file read, the same version content.
  const [indexFile] = await readdir(join(cache, 'backup'))
  const indexPath = join(cache, 'backup', indexFile)
  const good = await readFile(indexPath, 'utf8')
  await writeFile(indexPath, good.slice(0, good.length / 2))
  const v5 = await backup()
  assert.match(v5.stderr, /ignoring the backup index .*not valid JSON/)
  assert.equal(v5.bytesRead, total)
  assert.equal(v5.cid, v4.cid)
  assert.deepEqual(await restored('data', a.gatewayUrl), expected)

  // Another peer holds none of it: the index (rewritten by the last run) is not trusted there,
  // every file is read and sent, and B restores the folder.
  await run(['name', 'create', 'data-b'], b.gatewayUrl)
  const onB = await backup(b.gatewayUrl, 'data-b')
  assert.equal(onB.bytesRead, total)
  assert.equal(onB.filesUnchanged, 0)
  assert.ok(onB.bytesSent >= total, `sent ${onB.bytesSent} of ${total}`)
  assert.equal(onB.cid, v4.cid)
  assert.deepEqual(await restored('data-b', b.gatewayUrl), expected)
  // ...and from then on B is trusted as well.
  assert.equal((await backup(b.gatewayUrl, 'data-b')).bytesRead, 0)
})
