/**
 * Folders in the CLI: `netswarm add <dir>` walks the folder and uploads each file and each
 * directory document through the gateway; `netswarm fetch <folder-cid> -o <dir>` restores it,
 * verifying every manifest and byte here (docs/folders.md).
 */
import { lstat, readdir } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import {
  type CID,
  type DirectoryDocument,
  directorySize,
  type FolderSource,
  type FolderStore,
  type Manifest,
  parseManifestCid,
  readDirectoryContent,
  restoreFolder,
  walkFolder,
} from '@netswarm/content'
import { sanitizeFileName, shareLink } from '@netswarm/gateway'
import { isNetSwarmError } from '@netswarm/runtime'
import type { ApiClient } from '../api-client.ts'
import { CliError, EXIT } from '../exit-codes.ts'
import { formatBytes, printJson } from '../format.ts'
import { createProgress } from '../progress.ts'

export interface AddFolderOptions {
  name?: string
  json?: boolean
  quiet?: boolean
  /** Report unreadable files and folders and go on instead of failing. */
  skipUnreadable?: boolean
}

/** A FolderStore that publishes every file through the gateway's upload endpoint. */
export function gatewayStore(api: ApiClient, onUploaded?: (bytes: number) => void): FolderStore {
  return {
    async storeFile(file) {
      async function* counted(): AsyncGenerator<Uint8Array> {
        for await (const block of file.source) {
          onUploaded?.(block.byteLength)
          yield block
        }
      }
      const result = await api.json<{ cid: string; size: number }>(
        `/api/v1/files?name=${encodeURIComponent(file.name)}`,
        {
          method: 'POST',
          auth: true,
          headers: { 'content-type': file.mediaType },
          body: ReadableStream.from(counted()),
          duplex: 'half',
        } as RequestInit & { auth: boolean; duplex: 'half' },
      )
      return { cid: parseManifestCid(result.cid), size: result.size }
    },
  }
}

/** `netswarm add <dir>`: publishes a whole folder; prints its CID and share link. */
export async function addFolderCommand(api: ApiClient, dir: string, options: AddFolderOptions): Promise<void> {
  const quiet = options.quiet || options.json
  let sent = 0
  const progress = createProgress('add', quiet ? 0 : await regularFileBytes(dir), { quiet })
  let result: Awaited<ReturnType<typeof walkFolder>>
  try {
    result = await walkFolder(
      dir,
      gatewayStore(api, (bytes) => {
        sent += bytes
        progress.update(sent)
      }),
      {
        name: options.name,
        skipUnreadable: options.skipUnreadable,
        onSkip: (path, reason) => {
          if (!options.json) process.stderr.write(`netswarm: skipped ${path}: ${reason}\n`)
        },
      },
    )
  } finally {
    progress.stop()
  }
  const cid = result.cid.toString()
  const summary = {
    cid,
    kind: 'folder',
    size: result.size,
    files: result.files,
    directories: result.directories,
    symlinks: result.symlinks,
    skipped: result.skipped,
    link: shareLink(api.url, cid),
    netswarmLink: `netswarm://${cid}`,
  }
  if (options.json) return printJson(summary)
  if (options.quiet) {
    process.stdout.write(`${cid}\n`)
    return
  }
  process.stdout.write(
    `added folder ${dir} (${result.files} files, ${result.directories} folders, ${result.symlinks} symlinks, ${formatBytes(result.size)})\n` +
      `cid   ${cid}\n` +
      `link  ${summary.link}\n` +
      `      ${summary.netswarmLink}\n`,
  )
}

/** Bytes of the regular files below `dir` (symlinks not followed), for the progress bar only. */
async function regularFileBytes(dir: string): Promise<number> {
  let total = 0
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => [])
  for (const entry of entries) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) total += await regularFileBytes(path)
    else if (entry.isFile()) total += (await lstat(path).catch(() => ({ size: 0 }))).size
  }
  return total
}

/** Reads manifests and contents through the gateway; restoreFolder verifies everything it gets. */
export function gatewaySource(api: ApiClient, onBytes?: (bytes: number) => void): FolderSource {
  return {
    manifest: (cid: CID) => api.manifest(cid.toString()),
    async *content(cid: CID) {
      // `raw`: a folder's document as bytes, not the gateway's HTML listing of it.
      const res = await api.request(`/f/${cid}?raw=1`)
      if (!res.body) throw new CliError('the gateway answered without a body', EXIT.FAILURE)
      for await (const block of res.body as unknown as AsyncIterable<Uint8Array>) {
        onBytes?.(block.byteLength)
        yield block
      }
    },
  }
}

/** `netswarm fetch <folder-cid> -o <dir>`: restores a folder exactly, every byte verified. */
export async function fetchFolderCommand(
  api: ApiClient,
  cidText: string,
  manifest: Manifest,
  options: { output?: string; quiet?: boolean; json?: boolean; force?: boolean },
): Promise<void> {
  if (options.force)
    throw new CliError('--force does not apply to folders: restore into a new or empty folder', EXIT.USAGE)
  const cid = parseManifestCid(cidText)
  const target = resolve(options.output ?? sanitizeFileName(manifest.name, cidText))
  let document: DirectoryDocument
  let done = 0
  const source = gatewaySource(api, (bytes) => {
    done += bytes
  })
  try {
    document = await readDirectoryContent(source, cid, manifest)
  } catch (err) {
    throw asCliError(err, cidText)
  }
  const progress = createProgress('fetch', directorySize(document), { quiet: options.quiet || options.json })
  let result: Awaited<ReturnType<typeof restoreFolder>>
  try {
    result = await restoreFolder(source, cid, target, { onFile: () => progress.update(done) })
  } catch (err) {
    throw asCliError(err, cidText)
  } finally {
    progress.stop()
  }
  if (options.json) return printJson({ cid: cidText, path: target, kind: 'folder', ...result, verified: true })
  if (!options.quiet) {
    process.stdout.write(
      `fetched folder ${cidText}\n  -> ${target} (${result.files} files, ${result.directories} folders, ${result.symlinks} symlinks, ${formatBytes(result.bytes)}, verified)\n`,
    )
  }
}

function asCliError(err: unknown, cid: string): unknown {
  if (err instanceof CliError || !isNetSwarmError(err)) return err
  if (err.code === 'INTEGRITY') return new CliError(`verification failed: ${err.message}`, EXIT.INTEGRITY)
  if (err.code === 'INVALID_ARGUMENT') return new CliError(`cannot restore ${cid}: ${err.message}`, EXIT.USAGE)
  return err
}
