/**
 * restoreFolder: writes a folder back to disk, verified, exactly (names, bytes, modes, mtimes,
 * nested folders, symlinks as symlinks), and never outside the target:
 * - entry names are checked by the codec (no '/', '..', NUL) and again here against the path;
 * - every file, folder and symlink is created exclusively (O_EXCL / mkdir / symlink fail when
 *   something exists), so nothing is ever written through an existing symlink or over a file;
 * - symlinks are created as recorded and never followed, so a link pointing out of the target
 *   cannot redirect a later write (its name is taken; a second entry of that name is refused);
 * - the target must be absent or an empty folder.
 * Modes and mtimes of folders are set after their content (writing inside changes them).
 */
import { constants } from 'node:fs'
import { chmod, lstat, lutimes, mkdir, open, readdir, rm, symlink, utimes } from 'node:fs/promises'
import { dirname, join, resolve, sep } from 'node:path'
import { IntegrityError } from '@netswarm/runtime/errors'
import type { CID } from 'multiformats/cid'
import { type DirectoryDocument, type DirectoryEntry, entryNameProblem } from './directory.ts'
import { DirectoryError, UnsafePathError } from './errors.ts'
import { type FolderSource, isDirectoryManifest, listEntries, readDirectory, verifiedManifest } from './folder-read.ts'
import { verifyFile } from './verify.ts'

export interface RestoreOptions {
  signal: AbortSignal | undefined
  /** Called after each file is written and verified. */
  onFile: (path: string, size: number) => void
  /** Most entries restored in all (a bound against a document that lists one sub-folder many times). */
  maxEntries: number
  /** Deepest nesting accepted. */
  maxDepth: number
}

export interface RestoreResult {
  files: number
  directories: number
  symlinks: number
  bytes: number
}

const DEFAULT_MAX_ENTRIES = 16 * 1024 * 1024
const DEFAULT_MAX_DEPTH = 256

/**
 * Restores the folder `cid` from `source` into `target` (created if absent; must be empty if
 * present). Throws UnsafePathError when something is in the way, DirectoryError on a bad
 * document, IntegrityError when bytes do not match their CIDs.
 */
export async function restoreFolder(
  source: FolderSource,
  cid: CID,
  target: string,
  options: Partial<RestoreOptions> = {},
): Promise<RestoreResult> {
  const root = resolve(target)
  await prepareTarget(root)
  const result: RestoreResult = { files: 0, directories: 0, symlinks: 0, bytes: 0 }
  const limits = {
    maxEntries: options.maxEntries ?? DEFAULT_MAX_ENTRIES,
    maxDepth: options.maxDepth ?? DEFAULT_MAX_DEPTH,
  }
  const document = await readDirectory(source, cid)
  await restoreEntries(source, document, root, root, '', 0, options, limits, result)
  return result
}

async function prepareTarget(root: string): Promise<void> {
  const info = await lstat(root).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined
    throw err
  })
  if (info === undefined) {
    await mkdir(dirname(root), { recursive: true })
    await mkdir(root).catch((err: NodeJS.ErrnoException) => {
      throw new UnsafePathError(`cannot create ${root}: ${err.code ?? err.message}`, { cause: err })
    })
    return
  }
  if (!info.isDirectory()) throw new UnsafePathError(`${root} exists and is not a folder`)
  if ((await readdir(root)).length > 0) {
    throw new UnsafePathError(`${root} is not empty; restore into a new or empty folder`)
  }
}

/** The path of entry `name` inside `dir`, checked to stay a direct child of `dir` under `root`. */
function childPath(root: string, dir: string, name: string): string {
  const problem = entryNameProblem(name)
  if (problem !== undefined) throw new UnsafePathError(`refusing entry name ${JSON.stringify(name)}: ${problem}`)
  const path = join(dir, name)
  if (dirname(path) !== dir || !(path === root || path.startsWith(root + sep))) {
    throw new UnsafePathError(`refusing ${JSON.stringify(name)}: it would be written outside ${root}`)
  }
  return path
}

function exists(path: string, err: unknown): never {
  const code = (err as NodeJS.ErrnoException).code
  if (code === 'EEXIST') throw new UnsafePathError(`${path} already exists; nothing is written over or through it`)
  throw err
}

async function restoreEntries(
  source: FolderSource,
  document: DirectoryDocument,
  root: string,
  dir: string,
  relative: string,
  depth: number,
  options: Partial<RestoreOptions>,
  limits: { maxEntries: number; maxDepth: number },
  result: RestoreResult,
): Promise<number> {
  if (depth > limits.maxDepth) throw new DirectoryError(`folders nest deeper than ${limits.maxDepth} levels`)
  let total = 0
  for await (const entry of listEntries(source, document)) {
    options.signal?.throwIfAborted()
    if (result.files + result.directories + result.symlinks >= limits.maxEntries) {
      throw new DirectoryError(`the folder holds more than ${limits.maxEntries} entries`)
    }
    const path = childPath(root, dir, entry.name)
    const rel = relative === '' ? entry.name : `${relative}/${entry.name}`
    await restoreEntry(source, entry, root, path, rel, depth, options, limits, result)
    total += entry.size
  }
  return total
}

async function restoreEntry(
  source: FolderSource,
  entry: DirectoryEntry,
  root: string,
  path: string,
  relative: string,
  depth: number,
  options: Partial<RestoreOptions>,
  limits: { maxEntries: number; maxDepth: number },
  result: RestoreResult,
): Promise<void> {
  const seconds = entry.mtimeMs / 1000
  if (entry.kind === 'symlink') {
    await symlink(entry.target, path).catch((err) => exists(path, err))
    await lutimes(path, seconds, seconds)
    result.symlinks++
    return
  }
  if (entry.kind === 'directory') {
    await mkdir(path, 0o700).catch((err) => exists(path, err))
    const document = await readDirectory(source, entry.cid)
    const size = await restoreEntries(source, document, root, path, relative, depth + 1, options, limits, result)
    if (size !== entry.size)
      throw new DirectoryError(`${relative}: folder holds ${size} bytes, its entry says ${entry.size}`)
    // Content first, then the folder's own mode and time (a read-only folder is filled before it is locked).
    await chmod(path, entry.mode)
    await utimes(path, seconds, seconds)
    result.directories++
    return
  }
  await restoreFile(source, entry.cid, entry.size, entry.mode, seconds, path, relative)
  result.files++
  result.bytes += entry.size
  options.onFile?.(relative, entry.size)
}

async function restoreFile(
  source: FolderSource,
  cid: CID,
  size: number,
  mode: number,
  seconds: number,
  path: string,
  relative: string,
): Promise<void> {
  const manifest = await verifiedManifest(source, cid)
  if (isDirectoryManifest(manifest)) throw new DirectoryError(`${relative} is listed as a file but ${cid} is a folder`)
  if (manifest.size !== size)
    throw new IntegrityError(`${relative}: file is ${manifest.size} bytes, its entry says ${size}`)
  // O_EXCL | O_NOFOLLOW: never open an existing file or anything through a symlink.
  const handle = await open(
    path,
    constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
    0o600,
  ).catch((err) => exists(path, err))
  let ok = false
  try {
    async function* tee(): AsyncGenerator<Uint8Array> {
      for await (const block of source.content(cid, manifest)) {
        for (let at = 0; at < block.length; ) at += (await handle.write(block, at, block.length - at)).bytesWritten
        yield block
      }
    }
    await verifyFile(manifest, tee())
    await handle.chmod(mode)
    await handle.utimes(seconds, seconds)
    ok = true
  } finally {
    await handle.close()
    // A file that failed verification is not left behind looking complete.
    if (!ok) await rm(path, { force: true })
  }
}
