/**
 * `netswarm backup`, `restore` and `prune` (docs/versions.md): a folder backed up as versions of
 * a name, uploading only what the peer does not hold yet.
 */
import { realpath } from 'node:fs/promises'
import { basename, resolve } from 'node:path'
import {
  chunkingStore,
  decodeManifest,
  isDirectoryManifest,
  manifestCid,
  mediaTypeFor,
  parseManifestCid,
  restoreFolder,
  walkFolder,
} from '@netswarm/content'
import type { ApiClient } from '../api-client.ts'
import { defaultCacheDir, FileIndex, indexPath } from '../backup/file-index.ts'
import { HAS_BATCH, type UploadEvent, UploadSink } from '../backup/upload-sink.ts'
import { CliError, EXIT } from '../exit-codes.ts'
import { formatBytes, printJson } from '../format.ts'
import { gatewaySource } from './folder.ts'
import { nameKeyOf, publishVersion, resolveVersion, splitVersion } from './names.ts'

export interface BackupOptions {
  name: string
  message?: string
  json?: boolean
  /** One JSON line per chunk or manifest sent, on stdout (for scripts and tests). */
  events?: boolean
  /** false (`--no-cache`): read every file, ignoring the file index (which is still rewritten). */
  cache?: boolean
  /** Where the file index lives. @default defaultCacheDir() */
  cacheDir?: string
}

/** Manifests fetched at once while checking the index against the peer. */
const MANIFEST_FETCHES = 8

/**
 * Keeps only the index entries whose file the peer still holds whole: the manifest (asked in
 * batches) and, since a manifest can be stored before its chunks (a download pins it first), every
 * chunk it lists. Anything else is read and sent again by this run.
 */
async function checkAgainstPeer(api: ApiClient, sink: UploadSink, index: FileIndex): Promise<void> {
  const cids = index.manifests()
  const present: string[] = []
  for (let i = 0; i < cids.length; i += HAS_BATCH) {
    const batch = cids.slice(i, i + HAS_BATCH)
    const answers = await sink.has(batch)
    present.push(...batch.filter((_, k) => answers[k]))
  }
  const sizes = new Map<string, number>()
  const users = new Map<string, string[]>()
  const queue = [...present]
  const worker = async () => {
    for (let cid = queue.shift(); cid !== undefined; cid = queue.shift()) {
      let manifest: ReturnType<typeof decodeManifest>
      try {
        const bytes = await api.manifest(cid)
        if (manifestCid(bytes).toString() !== cid) continue
        manifest = decodeManifest(bytes)
      } catch {
        continue // gone since the has-call, or not a manifest: its files are read again
      }
      sizes.set(cid, manifest.size)
      for (const chunk of manifest.chunks) {
        const key = chunk.cid.toString()
        const list = users.get(key)
        if (list === undefined) users.set(key, [cid])
        else list.push(cid)
      }
    }
  }
  await Promise.all(Array.from({ length: MANIFEST_FETCHES }, worker))
  const chunks = [...users.keys()]
  for (let i = 0; i < chunks.length; i += HAS_BATCH) {
    const batch = chunks.slice(i, i + HAS_BATCH)
    const answers = await sink.has(batch)
    batch.forEach((chunk, k) => {
      if (!answers[k]) for (const cid of users.get(chunk) ?? []) sizes.delete(cid)
    })
  }
  index.keep((cid, size) => sizes.get(cid) === size)
}

/** `netswarm backup <dir> --name <label>`: a new version of the folder; sends only what is missing. */
export async function backupCommand(api: ApiClient, dir: string, options: BackupOptions): Promise<void> {
  // Fail before reading anything when the name is not ours.
  await nameKeyOf(api, options.name)
  const started = performance.now()
  const emit = options.events ? (event: UploadEvent) => process.stdout.write(`${JSON.stringify(event)}\n`) : undefined
  const sink = new UploadSink(api, emit)
  const skipped: { path: string; reason: string }[] = []
  const quiet = options.json || options.events
  const warn = (message: string) => process.stderr.write(`netswarm: ${message}\n`)
  // One index per source folder: manifest CIDs do not depend on the peer or the name, and
  // whether this peer holds them is checked below.
  const root = await realpath(resolve(dir)).catch(() => resolve(dir))
  const index = await FileIndex.load(indexPath(options.cacheDir ?? defaultCacheDir(), root), root, Date.now(), warn)
  const useIndex = options.cache !== false
  if (useIndex) await checkAgainstPeer(api, sink, index)
  const walked = await walkFolder(dir, chunkingStore(sink), {
    skipUnreadable: true,
    knownFile: useIndex ? (file) => index.lookup(file) : undefined,
    onFile: (path, ref, info) => index.record(path, ref, info, mediaTypeFor(basename(path))),
    onSkip: (path, reason) => {
      skipped.push({ path, reason })
      if (!quiet) process.stderr.write(`netswarm: skipped ${path}: ${reason}\n`)
    },
  })
  await sink.flush()
  // Written only once everything is stored: an index never names a manifest this run did not send.
  await index.save().catch((err: Error) => warn(`could not write the backup index ${index.file}: ${err.message}`))
  const version = await publishVersion(api, options.name, walked.cid.toString(), options.message)
  const seconds = (performance.now() - started) / 1000
  const summary = {
    event: 'backup-done',
    name: options.name,
    sequence: version.sequence,
    cid: version.cid,
    link: version.link,
    files: walked.files,
    directories: walked.directories,
    symlinks: walked.symlinks,
    size: walked.size,
    skipped,
    filesUnchanged: walked.filesKnown,
    bytesRead: walked.bytesRead,
    ...sink.stats,
    chunks: version.chunks,
    sharedChunks: version.sharedChunks,
    seconds,
  }
  if (options.json || options.events) return printJson(summary)
  process.stdout.write(
    `backed up ${dir} as ${options.name} version ${version.sequence} (${walked.files} files, ${formatBytes(walked.size)})\n` +
      `sent  ${formatBytes(sink.stats.bytesSent)} (${sink.stats.chunksSent} chunks, ${sink.stats.manifestsSent} manifests); ` +
      `${sink.stats.chunksSkipped} chunks already stored; ` +
      `${walked.filesKnown} unchanged files not read (file index)\n` +
      `cid   ${version.cid}\nlink  ${version.link}\n` +
      (skipped.length > 0 ? `${skipped.length} entries skipped (see above)\n` : ''),
  )
}

/** `netswarm restore <name>[@N] <dir>`: writes a version back, byte-identical with modes and times. */
export async function restoreCommand(
  api: ApiClient,
  nameText: string,
  dir: string,
  options: { json?: boolean },
): Promise<void> {
  const { name, sequence } = splitVersion(nameText)
  const version = await resolveVersion(api, name, sequence)
  const cid = parseManifestCid(version.cid)
  const source = gatewaySource(api)
  const manifestBytes = await source.manifest(cid)
  if (!manifestCid(manifestBytes).equals(cid)) {
    throw new CliError(`the gateway returned a manifest that does not match ${cid}`, EXIT.INTEGRITY)
  }
  if (!isDirectoryManifest(decodeManifest(manifestBytes))) {
    throw new CliError(`version ${version.sequence} is a file: netswarm fetch ${cid} -o <path>`, EXIT.USAGE)
  }
  const restored = await restoreFolder(source, cid, resolve(dir))
  const summary = { sequence: version.sequence, cid: version.cid, target: resolve(dir), ...restored }
  if (options.json) return printJson(summary)
  process.stdout.write(
    `restored ${name} version ${version.sequence} into ${summary.target} ` +
      `(${restored.files} files, ${restored.directories} folders, ${restored.symlinks} symlinks, ${formatBytes(restored.bytes)}, verified)\n`,
  )
}

/** `netswarm prune <name> --keep-last N --keep-daily M`. */
export async function pruneCommand(
  api: ApiClient,
  name: string,
  options: { keepLast: string; keepDaily: string; json?: boolean },
): Promise<void> {
  const keepLast = Number(options.keepLast)
  const keepDaily = Number(options.keepDaily)
  for (const [flag, n] of [
    ['--keep-last', keepLast],
    ['--keep-daily', keepDaily],
  ] as const) {
    if (!Number.isSafeInteger(n) || n < 0) throw new CliError(`${flag} must be a whole number >= 0`, EXIT.USAGE)
  }
  const result = await api.json<{ kept: number[]; dropped: number[]; unpinned: number }>(
    `/api/v1/names/${encodeURIComponent(name)}/prune`,
    {
      method: 'POST',
      auth: true,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ keepLast, keepDaily }),
    },
  )
  if (options.json) return printJson(result)
  process.stdout.write(
    `kept versions ${result.kept.join(', ') || '-'}; dropped ${result.dropped.join(', ') || '-'}; ` +
      `${result.unpinned} manifests unpinned (garbage collection frees their chunks)\n`,
  )
}
