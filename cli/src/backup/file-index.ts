/**
 * The backup file index (docs/versions.md "The file index"): per backed-up folder, each file's
 * stat → its manifest CID, so the next backup reuses the manifest of an unchanged file instead of
 * reading and chunking it again (restic's and borg's files cache). A cache only: a missing,
 * foreign or damaged index is ignored with a warning and the backup reads everything.
 */
import { createHash } from 'node:crypto'
import type { BigIntStats } from 'node:fs'
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { CID, type FileToRead, isManifestCid, type StoredFileRef } from '@netswarm/content'

const FORMAT = 'netswarm-backup-index'
/** Bumped whenever entries or the chunker's output (and so the CIDs of the same bytes) change. */
const VERSION = 1
/** Most files one index remembers; the rest of a larger folder is read each time. */
export const MAX_INDEX_ENTRIES = 500_000
/** A larger file is not an index this CLI wrote: ignored unread. */
const MAX_INDEX_BYTES = 256 * 1024 * 1024

/** [size, mtimeNs, ctimeNs, ino, dev, mediaType, manifest CID]; bigints as decimal strings. */
type Entry = [number, string, string, string, string, string, string]

/** Where indexes live: NETSWARM_CACHE_DIR, else $XDG_CACHE_HOME/netswarm, else ~/.cache/netswarm. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.NETSWARM_CACHE_DIR) return env.NETSWARM_CACHE_DIR
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'netswarm')
  return join(homedir(), '.cache', 'netswarm')
}

/** The index file of the folder at absolute path `root` (one per source folder, any peer or name). */
export function indexPath(cacheDir: string, root: string): string {
  return join(cacheDir, 'backup', `${createHash('sha256').update(root).digest('hex').slice(0, 32)}.json`)
}

function stamp(info: BigIntStats, mediaType: string, cid: string): Entry {
  return [
    Number(info.size),
    info.mtimeNs.toString(),
    info.ctimeNs.toString(),
    info.ino.toString(),
    info.dev.toString(),
    mediaType,
    cid,
  ]
}

function validEntry(value: unknown): value is Entry {
  if (!Array.isArray(value) || value.length !== 7) return false
  const [size, ...rest] = value
  if (!Number.isSafeInteger(size) || (size as number) < 0) return false
  if (!rest.every((v) => typeof v === 'string')) return false
  if (!rest.slice(0, 4).every((v) => /^-?\d{1,30}$/.test(v as string))) return false
  try {
    return isManifestCid(CID.parse(rest[5] as string))
  } catch {
    return false
  }
}

export class FileIndex {
  /** What the previous run recorded, minus what the peer turned out not to hold. */
  private readonly previous: Map<string, Entry>
  /** What this run records: the files it saw, as it saw them. */
  private readonly next = new Map<string, Entry>()
  private full = false

  private constructor(
    readonly file: string,
    private readonly root: string,
    previous: Map<string, Entry>,
    /** Files last modified at or after this (ns since the epoch) are not trusted. */
    private readonly racyFromNs: bigint,
  ) {
    this.previous = previous
  }

  /**
   * Loads the index of `root` (an absolute path), or an empty one with a warning when it cannot
   * be used. `startedMs`: when the backup started; files modified in that second are re-read
   * next time (git's "racy clean" rule: a write later in the same timestamp tick may leave the
   * stat unchanged).
   */
  static async load(
    file: string,
    root: string,
    startedMs: number,
    warn: (message: string) => void,
  ): Promise<FileIndex> {
    const racyFromNs = BigInt(Math.floor(startedMs / 1000)) * 1_000_000_000n
    const empty = () => new FileIndex(file, root, new Map(), racyFromNs)
    let text: string
    try {
      if ((await stat(file)).size > MAX_INDEX_BYTES) {
        warn(`ignoring the backup index ${file}: larger than ${MAX_INDEX_BYTES} bytes`)
        return empty()
      }
      text = await readFile(file, 'utf8')
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
        warn(`ignoring the backup index ${file}: ${(err as Error).message}`)
      }
      return empty()
    }
    const problem = (reason: string) => {
      warn(`ignoring the backup index ${file}: ${reason}; every file is read again`)
      return empty()
    }
    let doc: { format?: unknown; version?: unknown; root?: unknown; files?: unknown }
    try {
      doc = JSON.parse(text)
    } catch {
      return problem('not valid JSON (damaged?)')
    }
    if (doc === null || typeof doc !== 'object' || doc.format !== FORMAT) return problem('not a backup index')
    if (doc.version !== VERSION) return problem(`version ${String(doc.version)}, this CLI writes ${VERSION}`)
    if (doc.root !== root) return problem(`it belongs to ${String(doc.root)}`)
    if (doc.files === null || typeof doc.files !== 'object' || Array.isArray(doc.files)) {
      return problem('no file table')
    }
    const previous = new Map<string, Entry>()
    for (const [path, entry] of Object.entries(doc.files)) {
      if (!validEntry(entry)) return problem(`a bad entry for ${JSON.stringify(path)}`)
      previous.set(path, entry)
    }
    return new FileIndex(file, root, previous, racyFromNs)
  }

  /** Distinct manifest CIDs the previous run recorded (to ask the peer whether it still holds them). */
  manifests(): string[] {
    return [...new Set([...this.previous.values()].map((e) => e[6]))]
  }

  /** Keeps only the entries `held` vouches for (the peer holds the manifest whole, of that size). */
  keep(held: (cid: string, size: number) => boolean): void {
    for (const [path, entry] of this.previous) if (!held(entry[6], entry[0])) this.previous.delete(path)
  }

  /** The stored ref of a file whose stat is exactly as recorded; undefined means read it. */
  lookup(file: FileToRead): StoredFileRef | undefined {
    const entry = this.previous.get(file.path)
    if (entry === undefined) return undefined
    const now = stamp(file.info, file.mediaType, entry[6])
    if (!now.every((v, i) => v === entry[i])) return undefined
    return { cid: CID.parse(entry[6]), size: entry[0] }
  }

  /** Records a file stored or reused by this run, with its stat from before it was read. */
  record(path: string, ref: StoredFileRef, info: BigIntStats, mediaType: string): void {
    if (info.mtimeNs >= this.racyFromNs || this.full) return
    if (this.next.size >= MAX_INDEX_ENTRIES) {
      this.full = true
      return
    }
    this.next.set(path, stamp(info, mediaType, ref.cid.toString()))
  }

  /** Writes what this run recorded, atomically: a temporary file renamed over the old one. */
  async save(): Promise<void> {
    const files = Object.fromEntries(this.next)
    const text = JSON.stringify({ format: FORMAT, version: VERSION, root: this.root, files })
    await mkdir(join(this.file, '..'), { recursive: true, mode: 0o700 })
    const temp = `${this.file}.${process.pid}.tmp`
    try {
      await writeFile(temp, text, { mode: 0o600 })
      await rename(temp, this.file)
    } catch (err) {
      await rm(temp, { force: true })
      throw err
    }
  }
}
