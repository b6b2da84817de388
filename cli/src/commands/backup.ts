/**
 * `netswarm backup`, `restore` and `prune` (docs/versions.md): a folder backed up as versions of
 * a name, uploading only what the peer does not hold yet.
 */
import { resolve } from 'node:path'
import {
  chunkingStore,
  decodeManifest,
  isDirectoryManifest,
  manifestCid,
  parseManifestCid,
  restoreFolder,
  walkFolder,
} from '@netswarm/content'
import type { ApiClient } from '../api-client.ts'
import { type UploadEvent, UploadSink } from '../backup/upload-sink.ts'
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
}

/** `netswarm backup <dir> --name <label>`: a new version of the folder; sends only what is missing. */
export async function backupCommand(api: ApiClient, dir: string, options: BackupOptions): Promise<void> {
  // Fail before reading anything when the name is not ours.
  await nameKeyOf(api, options.name)
  const started = performance.now()
  const emit = options.events ? (event: UploadEvent) => process.stdout.write(`${JSON.stringify(event)}\n`) : undefined
  const sink = new UploadSink(api, emit)
  const skipped: { path: string; reason: string }[] = []
  const walked = await walkFolder(dir, chunkingStore(sink), {
    skipUnreadable: true,
    onSkip: (path, reason) => {
      skipped.push({ path, reason })
      if (!options.json && !options.events) process.stderr.write(`netswarm: skipped ${path}: ${reason}\n`)
    },
  })
  await sink.flush()
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
    ...sink.stats,
    chunks: version.chunks,
    sharedChunks: version.sharedChunks,
    seconds,
  }
  if (options.json || options.events) return printJson(summary)
  process.stdout.write(
    `backed up ${dir} as ${options.name} version ${version.sequence} (${walked.files} files, ${formatBytes(walked.size)})\n` +
      `sent  ${formatBytes(sink.stats.bytesSent)} (${sink.stats.chunksSent} chunks, ${sink.stats.manifestsSent} manifests); ` +
      `${sink.stats.chunksSkipped} chunks already stored\n` +
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
