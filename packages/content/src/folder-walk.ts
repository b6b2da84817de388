/**
 * walkFolder: turns a local folder into files and directory documents, depth first, one file
 * at a time (memory per file is constant: bytes stream from the disk into `store`). Symlinks
 * are recorded, never followed; sockets, FIFOs and devices are skipped and reported.
 */
import { type BigIntStats, constants, createReadStream } from 'node:fs'
import { lstat, open, readdir, readlink, stat } from 'node:fs/promises'
import { basename, join, resolve } from 'node:path'
import { InvalidArgumentError } from '@netswarm/runtime/errors'
import type { CID } from 'multiformats/cid'
import { type ChunkStreamOptions, chunkStream } from './chunk-stream.ts'
import {
  buildDirectory,
  DIRECTORY_MEDIA_TYPE,
  type DirectoryEntry,
  entryNameProblem,
  MAX_SYMLINK_TARGET_BYTES,
  MODE_MASK,
} from './directory.ts'
import { buildManifest, type ChunkRef, type Manifest } from './manifest.ts'
import { mediaTypeFor } from './media-types.ts'

/** A stored file: its manifest CID and size in bytes. */
export interface StoredFileRef {
  cid: CID
  size: number
}

/** One file to store (a regular file's bytes, or a directory document's). */
export interface FileToStore {
  /** Name recorded in the file's manifest (the entry's name, or the folder's for its document). */
  name: string
  mediaType: string
  /** Path relative to the walked folder ('' for the folder itself), for progress and errors. */
  path: string
  /** Read once; blocks are not reused after they are yielded. */
  source: AsyncIterable<Uint8Array>
}

/** A regular file about to be read, for WalkOptions.knownFile. */
export interface FileToRead {
  /** Path relative to the walked folder. */
  path: string
  name: string
  mediaType: string
  /** Its lstat, with nanosecond times. */
  info: BigIntStats
}

/** Where walkFolder puts what it finds: the gateway (uploads), a local chunk sink, a dry run. */
export interface FolderStore {
  storeFile(file: FileToStore): Promise<StoredFileRef>
}

export interface WalkOptions {
  /** Name recorded in the folder's own manifest. @default basename of the folder */
  name: string
  /** Report files and folders that cannot be read (onSkip) and go on, instead of failing. @default false */
  skipUnreadable: boolean
  /** Called for every entry left out: unreadable, unsupported type, or a name a folder cannot hold. */
  onSkip: (path: string, reason: string) => void
  /**
   * A file's stored ref known without reading it (an incremental backup's index): the file is
   * then not opened and `ref` goes into its directory entry as is. Undefined reads the file.
   */
  knownFile: (file: FileToRead) => StoredFileRef | undefined
  /** Called after each regular file is stored or known; `info` is its lstat from before reading. */
  onFile: (path: string, ref: StoredFileRef, info: BigIntStats, known: boolean) => void
  signal: AbortSignal | undefined
}

export interface WalkResult extends StoredFileRef {
  files: number
  directories: number
  symlinks: number
  /** Files whose ref came from knownFile, not read. */
  filesKnown: number
  /** Bytes read from regular files. */
  bytesRead: number
  skipped: { path: string; reason: string }[]
}

/** Read size of files being added. */
const READ_BLOCK_BYTES = 1024 * 1024

function roundedMtime(ns: bigint): number {
  // Whole milliseconds, rounded, as Math.round(stats.mtimeMs) gives them (restoring sets ms/1000
  // s, which may read back a hair below): seconds floored, then the fraction as a double.
  const seconds = ns >= 0n ? ns / 1_000_000_000n : -((-ns + 999_999_999n) / 1_000_000_000n)
  return Math.round(Number(seconds) * 1000 + Number(ns - seconds * 1_000_000_000n) / 1e6)
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes
}

/**
 * Walks `root` (a folder; a symlink given as the root itself is followed) and stores every
 * file, then every folder's directory document, bottom-up, through `store`. Entries are visited
 * in name order, so the same folder always yields the same CID.
 */
export async function walkFolder(
  root: string,
  store: FolderStore,
  options: Partial<WalkOptions> = {},
): Promise<WalkResult> {
  const rootPath = resolve(root)
  const info = await stat(rootPath).catch((cause: NodeJS.ErrnoException) => {
    throw new InvalidArgumentError(`cannot read folder ${root}: ${cause.code ?? cause.message}`, { cause })
  })
  if (!info.isDirectory()) throw new InvalidArgumentError(`${root} is not a folder`)
  const result: WalkResult = {
    cid: undefined as unknown as CID,
    size: 0,
    files: 0,
    directories: 0,
    symlinks: 0,
    filesKnown: 0,
    bytesRead: 0,
    skipped: [],
  }
  const skip = (path: string, reason: string) => {
    result.skipped.push({ path, reason })
    options.onSkip?.(path, reason)
  }
  const ref = await walkDirectory(rootPath, '', options.name ?? basename(rootPath), store, options, result, skip)
  if (ref === undefined) throw new InvalidArgumentError(`cannot read folder ${root}`)
  result.cid = ref.cid
  result.size = ref.size
  return result
}

async function walkDirectory(
  absolute: string,
  relative: string,
  name: string,
  store: FolderStore,
  options: Partial<WalkOptions>,
  result: WalkResult,
  skip: (path: string, reason: string) => void,
): Promise<StoredFileRef | undefined> {
  let raw: Buffer[]
  try {
    raw = await readdir(absolute, { encoding: 'buffer' })
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    const vanished = code === 'ENOENT' && relative !== ''
    if (!vanished && !options.skipUnreadable) throw unreadable(relative, err)
    skip(relative, vanished ? 'vanished while the folder was read' : `cannot list: ${code ?? (err as Error).message}`)
    return undefined
  }
  const entries: DirectoryEntry[] = []
  for (const bytes of raw.sort(Buffer.compare)) {
    options.signal?.throwIfAborted()
    const entryName = bytes.toString('utf8')
    const childRelative = relative === '' ? entryName : `${relative}/${entryName}`
    if (!Buffer.from(entryName, 'utf8').equals(bytes)) {
      skip(childRelative, 'name is not valid UTF-8')
      continue
    }
    const problem = entryNameProblem(entryName)
    if (problem !== undefined) {
      skip(childRelative, `name ${problem}`)
      continue
    }
    const childAbsolute = join(absolute, entryName)
    const entry = await walkEntry(childAbsolute, childRelative, entryName, store, options, result, skip)
    if (entry !== undefined) entries.push(entry)
  }
  const built = await buildDirectory(entries, async (bytes, index) => {
    const page = await store.storeFile({
      name,
      mediaType: DIRECTORY_MEDIA_TYPE,
      path: `${relative}#page${index}`,
      source: once(bytes),
    })
    return page.cid
  })
  const stored = await store.storeFile({
    name,
    mediaType: DIRECTORY_MEDIA_TYPE,
    path: relative,
    source: once(built.bytes),
  })
  result.directories++
  return { cid: stored.cid, size: built.size }
}

async function walkEntry(
  absolute: string,
  relative: string,
  name: string,
  store: FolderStore,
  options: Partial<WalkOptions>,
  result: WalkResult,
  skip: (path: string, reason: string) => void,
): Promise<DirectoryEntry | undefined> {
  /** A failed read: an entry that vanished since it was listed is skipped; others per skipUnreadable. */
  const cannot = (err: unknown): undefined => {
    const code = (err as NodeJS.ErrnoException).code
    if (code !== 'ENOENT' && !options.skipUnreadable) throw unreadable(relative, err)
    skip(
      relative,
      code === 'ENOENT' ? 'vanished while the folder was read' : `cannot read: ${code ?? (err as Error).message}`,
    )
    return undefined
  }
  let info: BigIntStats
  try {
    info = await lstat(absolute, { bigint: true })
  } catch (err) {
    return cannot(err)
  }
  const mode = Number(info.mode) & MODE_MASK
  const mtimeMs = roundedMtime(info.mtimeNs)
  if (info.isSymbolicLink()) {
    let target: string
    try {
      target = await readlink(absolute)
    } catch (err) {
      return cannot(err)
    }
    const size = Buffer.byteLength(target, 'utf8')
    if (size === 0 || size > MAX_SYMLINK_TARGET_BYTES || Buffer.from(target, 'utf8').toString('utf8') !== target) {
      skip(relative, 'symlink target cannot be recorded')
      return undefined
    }
    result.symlinks++
    return { name, kind: 'symlink', size, mode, mtimeMs, target }
  }
  if (info.isDirectory()) {
    const ref = await walkDirectory(absolute, relative, name, store, options, result, skip)
    if (ref === undefined) return undefined
    return { name, kind: 'directory', size: ref.size, mode, mtimeMs, cid: ref.cid }
  }
  if (!info.isFile()) {
    skip(relative, 'not a regular file, folder or symlink')
    return undefined
  }
  const mediaType = mediaTypeFor(name)
  const known = options.knownFile?.({ path: relative, name, mediaType, info })
  if (known !== undefined) {
    result.files++
    result.filesKnown++
    options.onFile?.(relative, known, info, true)
    return { name, kind: 'file', size: known.size, mode, mtimeMs, cid: known.cid }
  }
  let handle: Awaited<ReturnType<typeof open>>
  try {
    // O_NOFOLLOW: if the file was swapped for a symlink since lstat, refuse rather than follow it.
    handle = await open(absolute, constants.O_RDONLY | constants.O_NOFOLLOW)
  } catch (err) {
    return cannot(err)
  }
  let ref: StoredFileRef
  try {
    const stream = createReadStream('', { fd: handle.fd, autoClose: false, highWaterMark: READ_BLOCK_BYTES })
    ref = await store.storeFile({ name, mediaType, path: relative, source: counted(stream, result) })
  } finally {
    await handle.close()
  }
  result.files++
  options.onFile?.(relative, ref, info, false)
  return { name, kind: 'file', size: ref.size, mode, mtimeMs, cid: ref.cid }
}

async function* counted(source: AsyncIterable<Uint8Array>, result: WalkResult): AsyncGenerator<Uint8Array> {
  for await (const block of source) {
    result.bytesRead += block.byteLength
    yield block
  }
}

function unreadable(relative: string, err: unknown): Error {
  const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message
  return new InvalidArgumentError(`cannot read ${relative || 'the folder'}: ${code}`, { cause: err })
}

/** Receives what chunkingStore produces. `bytes` may be reused after the promise settles: copy to keep. */
export interface ChunkSink {
  putChunk(cid: CID, bytes: Uint8Array): Promise<void>
  putManifest(cid: CID, bytes: Uint8Array, manifest: Manifest): Promise<void>
}

/**
 * A FolderStore that chunks locally (the same chunker and manifests as the transfer service,
 * so the CIDs are the ones a publish would give) and hands chunks and manifests to `sink`.
 */
export function chunkingStore(sink: ChunkSink, options: Partial<ChunkStreamOptions> = {}): FolderStore {
  return {
    async storeFile(file) {
      const chunks: ChunkRef[] = []
      for await (const chunk of chunkStream(file.source, options)) {
        await sink.putChunk(chunk.cid, chunk.bytes)
        chunks.push({ cid: chunk.cid, size: chunk.bytes.length })
      }
      const built = buildManifest({ name: file.name, mediaType: file.mediaType, chunks })
      await sink.putManifest(built.cid, built.bytes, built.manifest)
      return { cid: built.cid, size: built.manifest.size }
    },
  }
}
