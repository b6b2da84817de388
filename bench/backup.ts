/**
 * bench:backup: a 512 MiB folder (generated from a seed) is backed up to a real peer with
 * `netswarm backup`; then 1% of its bytes change in 4 of its 16 files (an overwrite and an
 * insertion in each) and it is backed up again. Prints the bytes each backup sent and its time;
 * ends with `ratio N`, N = bytes sent the second time / folder size (target: at most 0.03).
 *
 * BACKUP_BENCH_MIB overrides the folder size (default 512).
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { createCipheriv, createHash } from 'node:crypto'
import { once } from 'node:events'
import { mkdir, mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

const BIN = fileURLToPath(new URL('../cli/bin/netswarm.mjs', import.meta.url))
const MIB = 1024 * 1024
const TOTAL_BYTES = Number(process.env.BACKUP_BENCH_MIB ?? 512) * MIB
const FILES = 16
const CHANGED_FILES = 4
/** 1% of the folder, split between an overwrite and an insertion in each changed file. */
const CHANGE_BYTES_PER_EDIT = Math.floor(TOTAL_BYTES / 100 / CHANGED_FILES / 2)

/** `length` seeded pseudo-random bytes (AES-128-CTR keystream). */
function seededBytes(seed: string, length: number): Buffer {
  const key = createHash('sha256').update(seed).digest()
  const cipher = createCipheriv('aes-128-ctr', key.subarray(0, 16), key.subarray(16, 32))
  return cipher.update(Buffer.alloc(length))
}

function filePath(root: string, i: number): string {
  return join(root, i < FILES / 2 ? 'photos' : 'documents', `file-${String(i).padStart(2, '0')}.bin`)
}

async function generate(root: string): Promise<void> {
  await mkdir(join(root, 'photos'), { recursive: true })
  await mkdir(join(root, 'documents'), { recursive: true })
  const perFile = TOTAL_BYTES / FILES
  for (let i = 0; i < FILES; i++) {
    const handle = await open(filePath(root, i), 'w')
    // Written in 8 MiB pieces of one keystream per file, so memory stays small.
    const key = createHash('sha256').update(`bench-backup-${i}`).digest()
    const cipher = createCipheriv('aes-128-ctr', key.subarray(0, 16), key.subarray(16, 32))
    for (let at = 0; at < perFile; at += 8 * MIB)
      await handle.write(cipher.update(Buffer.alloc(Math.min(8 * MIB, perFile - at))))
    await handle.close()
  }
}

/** Overwrites a block at 1/3 and inserts a block at 2/3 of CHANGED_FILES files spread over the folder. */
async function change(root: string): Promise<number> {
  let changed = 0
  for (let k = 0; k < CHANGED_FILES; k++) {
    const path = filePath(root, Math.floor((k * FILES) / CHANGED_FILES) + 1)
    const bytes = await readFile(path)
    const third = Math.floor(bytes.length / 3)
    seededBytes(`overwrite-${k}`, CHANGE_BYTES_PER_EDIT).copy(bytes, third)
    const inserted = seededBytes(`insert-${k}`, CHANGE_BYTES_PER_EDIT)
    await writeFile(path, Buffer.concat([bytes.subarray(0, 2 * third), inserted, bytes.subarray(2 * third)]))
    changed += 2 * CHANGE_BYTES_PER_EDIT
  }
  return changed
}

async function startPeer(dataDir: string): Promise<{ child: ChildProcess; gatewayUrl: string }> {
  const child = spawn(
    process.execPath,
    [BIN, 'node', '-d', dataDir, '--port-base', '0', '--http-port', '0', '--no-token', '--no-lan', '--ready-json'],
    { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, NETSWARM_LOG_LEVEL: 'warn' } },
  )
  const lines = createInterface({ input: child.stdout! })
  const gatewayUrl = await new Promise<string>((resolve, reject) => {
    lines.on('line', (line) => {
      if (line.startsWith('{')) resolve((JSON.parse(line) as { gatewayUrl: string }).gatewayUrl)
    })
    child.once('exit', (code) => reject(new Error(`netswarm node exited (${code}) before it was ready`)))
  })
  return { child, gatewayUrl }
}

async function cli(args: string[], gatewayUrl: string): Promise<string> {
  const child = spawn(process.execPath, [BIN, ...args, '-g', gatewayUrl], { stdio: ['ignore', 'pipe', 'inherit'] })
  let out = ''
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString()
  })
  const [code] = await once(child, 'exit')
  if (code !== 0) throw new Error(`netswarm ${args.join(' ')} exited ${code}`)
  return out
}

interface BackupSummary {
  bytesSent: number
  chunksSent: number
  chunksSkipped: number
  manifestsSent: number
  seconds: number
  chunks: number
  sharedChunks: number
}

const root = await mkdtemp(join(tmpdir(), 'netswarm-bench-backup-'))
const folder = join(root, 'home')
let peer: ChildProcess | undefined
try {
  const mib = (n: number) => (n / MIB).toFixed(2)
  console.log(`generating ${mib(TOTAL_BYTES)} MiB in ${FILES} files...`)
  await generate(folder)
  const started = await startPeer(join(root, 'peer'))
  peer = started.child
  const { gatewayUrl } = started
  await cli(['name', 'create', 'home'], gatewayUrl)
  const backup = async (message: string) =>
    JSON.parse(await cli(['backup', folder, '--name', 'home', '-m', message, '--json'], gatewayUrl)) as BackupSummary
  const first = await backup('full')
  console.log(
    `first backup:  sent ${mib(first.bytesSent)} MiB (${first.chunksSent} chunks) in ${first.seconds.toFixed(1)} s` +
      ` (${mib(first.bytesSent / first.seconds)} MiB/s)`,
  )
  const changed = await change(folder)
  const size = TOTAL_BYTES + changed / 2
  console.log(
    `changed ${mib(changed)} MiB (${((100 * changed) / TOTAL_BYTES).toFixed(2)}% of the folder) in ${CHANGED_FILES} files: ` +
      `one overwrite and one insertion of ${mib(CHANGE_BYTES_PER_EDIT)} MiB each`,
  )
  const second = await backup('after edits')
  console.log(
    `second backup: sent ${mib(second.bytesSent)} MiB (${second.chunksSent} chunks, ${second.manifestsSent} manifests; ` +
      `${second.chunksSkipped} chunks already stored) in ${second.seconds.toFixed(1)} s; ` +
      `${second.sharedChunks}/${second.chunks} chunks shared with the first version`,
  )
  const ratio = second.bytesSent / size
  console.log(`second backup sent ${(100 * ratio).toFixed(2)}% of the folder's ${mib(size)} MiB (target: at most 3%)`)
  console.log(`ratio ${ratio.toFixed(4)}`)
} finally {
  if (peer && peer.exitCode === null) {
    peer.kill('SIGTERM')
    await once(peer, 'exit')
  }
  await rm(root, { recursive: true, force: true })
}
