/**
 * Directory documents: the listing of one folder, encoded as deterministic dag-cbor.
 *
 * A document is stored as the content of an ordinary file whose manifest has the media type
 * DIRECTORY_MEDIA_TYPE (docs/folders.md): the folder's address is that file's manifest CID, and
 * publish, fetch, replication and pins need nothing new. Two shapes exist:
 *
 *   { version: 1, entries: [entry, ...] }        at most MAX_PAGE_ENTRIES entries
 *   { version: 1, pages: [pageRef, ...] }        a larger folder: each page is an entries document
 *
 * Entries are strictly sorted by the UTF-8 bytes of their names (so no duplicates), and every
 * field is checked; decoding rejects anything non-canonical, so one folder has one encoding and
 * hence one CID. Decoding throws only DirectoryError.
 */
import * as dagCbor from '@ipld/dag-cbor'
import { CID } from 'multiformats/cid'
import { equalBytes, isManifestCid } from './cid.ts'
import { hasExactKeys, isPlainObject } from './document-shape.ts'
import { DirectoryError } from './errors.ts'

/** Media type of a file whose content is a directory document. */
export const DIRECTORY_MEDIA_TYPE = 'application/vnd.netswarm.directory'
/** Longest entry name, in UTF-8 bytes (the usual filesystem limit). */
export const MAX_ENTRY_NAME_BYTES = 255
/** Longest symlink target, in UTF-8 bytes (PATH_MAX - 1). */
export const MAX_SYMLINK_TARGET_BYTES = 4095
/** Most entries in one entries document; a larger folder is split into pages. */
export const MAX_PAGE_ENTRIES = 1024
/** Most pages in one index document (so at most 16 Mi entries in one folder). */
export const MAX_DIRECTORY_PAGES = 16_384
/** Longest encoded document (a full page of entries with the longest symlink targets fits). */
export const MAX_DIRECTORY_BYTES = 8 * 1024 * 1024
/** Permission bits kept: rwx for user/group/other plus setuid, setgid, sticky. */
export const MODE_MASK = 0o7777

export type EntryKind = 'file' | 'directory' | 'symlink'

interface EntryBase {
  /** One path segment: UTF-8, no '/', no NUL, not '.' or '..', 1..255 bytes. */
  name: string
  /** Files: bytes. Directories: total bytes of the files below. Symlinks: bytes of the target. */
  size: number
  /** Permission bits (mode & 0o7777). */
  mode: number
  /** Modification time in whole milliseconds since the epoch (rounded). */
  mtimeMs: number
}

export interface FileEntry extends EntryBase {
  kind: 'file'
  /** The file's manifest CID. */
  cid: CID
}

export interface SubdirectoryEntry extends EntryBase {
  kind: 'directory'
  /** The CID of the file holding the sub-folder's directory document. */
  cid: CID
}

export interface SymlinkEntry extends EntryBase {
  kind: 'symlink'
  /** Where the link points, as recorded; never followed. */
  target: string
}

export type DirectoryEntry = FileEntry | SubdirectoryEntry | SymlinkEntry

/** One page of a large folder, as listed in its index document. */
export interface PageRef {
  /** Name of the page's first entry: pages are in name order and do not overlap. */
  first: string
  /** Entries in the page. */
  count: number
  /** Sum of the entries' sizes. */
  size: number
  /** CID of the file holding the page (an entries document). */
  cid: CID
}

export interface EntriesDocument {
  version: 1
  entries: DirectoryEntry[]
}

export interface IndexDocument {
  version: 1
  pages: PageRef[]
}

export type DirectoryDocument = EntriesDocument | IndexDocument

const ENTRY_KEYS: Record<EntryKind, string[]> = {
  file: ['cid', 'kind', 'mode', 'mtime', 'name', 'size'],
  directory: ['cid', 'kind', 'mode', 'mtime', 'name', 'size'],
  symlink: ['kind', 'mode', 'mtime', 'name', 'size', 'target'],
}
const PAGE_KEYS = ['cid', 'count', 'first', 'size']

function fail(message: string, cause?: unknown): never {
  throw new DirectoryError(`invalid directory: ${message}`, cause === undefined ? undefined : { cause })
}

function isWellFormed(text: string): boolean {
  return Buffer.from(text, 'utf8').toString('utf8') === text
}

/**
 * Why `name` cannot be a folder entry's name, or undefined when it can: one path segment of
 * 1..255 UTF-8 bytes, well-formed Unicode, no '/', no NUL, not '.' or '..'.
 */
export function entryNameProblem(name: unknown): string | undefined {
  if (typeof name !== 'string') return 'must be a string'
  if (name.length === 0) return 'must not be empty'
  if (name === '.' || name === '..') return `must not be "${name}"`
  if (name.includes('/')) return 'must not contain "/"'
  if (name.includes('\0')) return 'must not contain NUL'
  if (!isWellFormed(name)) return 'must be well-formed Unicode'
  if (Buffer.byteLength(name, 'utf8') > MAX_ENTRY_NAME_BYTES)
    return `must be at most ${MAX_ENTRY_NAME_BYTES} UTF-8 bytes`
  return undefined
}

/** Checks an entry name (see entryNameProblem); throws DirectoryError. */
export function checkEntryName(name: unknown): string {
  const problem = entryNameProblem(name)
  if (problem !== undefined) fail(`entry name ${JSON.stringify(String(name)).slice(0, 80)} ${problem}`)
  return name as string
}

/** Orders names by their UTF-8 bytes (the order entries and pages are stored in). */
export function compareNames(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'))
}

function checkCount(value: unknown, what: string, min = 0): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    fail(`${what} must be an integer >= ${min}`)
  }
  return value
}

function checkEntry(value: unknown, i: number): DirectoryEntry {
  if (!isPlainObject(value)) fail(`entry ${i} must be a map`)
  const kind = value.kind
  if (kind !== 'file' && kind !== 'directory' && kind !== 'symlink') {
    fail(`entry ${i} kind must be "file", "directory" or "symlink"`)
  }
  if (!hasExactKeys(value, ENTRY_KEYS[kind]))
    fail(`entry ${i} (${kind}) must have exactly ${ENTRY_KEYS[kind].join(', ')}`)
  const name = checkEntryName(value.name)
  const size = checkCount(value.size, `entry ${i} size`)
  const mode = value.mode
  if (typeof mode !== 'number' || !Number.isInteger(mode) || mode < 0 || mode > MODE_MASK) {
    fail(`entry ${i} mode must be an integer in 0..0o7777`)
  }
  const mtimeMs = value.mtime
  if (typeof mtimeMs !== 'number' || !Number.isSafeInteger(mtimeMs)) fail(`entry ${i} mtime must be an integer`)
  const base = { name, size, mode, mtimeMs }
  if (kind === 'symlink') {
    const target = value.target
    if (typeof target !== 'string' || target.length === 0 || target.includes('\0') || !isWellFormed(target)) {
      fail(`entry ${i} target must be a non-empty well-formed string without NUL`)
    }
    const bytes = Buffer.byteLength(target, 'utf8')
    if (bytes > MAX_SYMLINK_TARGET_BYTES) fail(`entry ${i} target must be at most ${MAX_SYMLINK_TARGET_BYTES} bytes`)
    if (size !== bytes) fail(`entry ${i} size must be the target's UTF-8 length ${bytes}`)
    return { ...base, kind, target }
  }
  const cid = CID.asCID(value.cid)
  if (cid === null || !isManifestCid(cid)) fail(`entry ${i} cid must be a CIDv1 dag-cbor sha2-256 (a manifest)`)
  return { ...base, kind, cid }
}

function checkPageRef(value: unknown, i: number): PageRef {
  if (!isPlainObject(value) || !hasExactKeys(value, PAGE_KEYS))
    fail(`page ${i} must be exactly {cid, count, first, size}`)
  const first = checkEntryName(value.first)
  const count = checkCount(value.count, `page ${i} count`, 1)
  if (count > MAX_PAGE_ENTRIES) fail(`page ${i} count must be at most ${MAX_PAGE_ENTRIES}`)
  const size = checkCount(value.size, `page ${i} size`)
  const cid = CID.asCID(value.cid)
  if (cid === null || !isManifestCid(cid)) fail(`page ${i} cid must be a CIDv1 dag-cbor sha2-256 (a manifest)`)
  return { first, count, size, cid }
}

function checkSorted(names: string[], what: string): void {
  for (let i = 1; i < names.length; i++) {
    if (compareNames(names[i - 1], names[i]) >= 0) {
      fail(`${what} must be strictly sorted by name bytes (no duplicates): ${JSON.stringify(names[i]).slice(0, 80)}`)
    }
  }
}

/** Validates every field of `value` as a directory document and returns a clean copy; throws DirectoryError. */
export function validateDirectory(value: unknown): DirectoryDocument {
  if (!isPlainObject(value)) fail('must be a map')
  if (value.version !== 1) fail('version must be 1')
  if (hasExactKeys(value, ['entries', 'version'])) {
    if (!Array.isArray(value.entries)) fail('entries must be an array')
    if (value.entries.length > MAX_PAGE_ENTRIES) {
      fail(`at most ${MAX_PAGE_ENTRIES} entries per document; larger folders are split into pages`)
    }
    const entries = value.entries.map(checkEntry)
    checkSorted(
      entries.map((e) => e.name),
      'entries',
    )
    return { version: 1, entries }
  }
  if (hasExactKeys(value, ['pages', 'version'])) {
    if (!Array.isArray(value.pages)) fail('pages must be an array')
    // One page would fit as an entries document: a canonical folder never has an index of one.
    if (value.pages.length < 2 || value.pages.length > MAX_DIRECTORY_PAGES) {
      fail(`an index must list 2..${MAX_DIRECTORY_PAGES} pages`)
    }
    const pages = value.pages.map(checkPageRef)
    checkSorted(
      pages.map((p) => p.first),
      'pages',
    )
    return { version: 1, pages }
  }
  fail('must be exactly {version, entries} or {version, pages}')
}

function toEncodable(doc: DirectoryDocument) {
  if ('pages' in doc) {
    return {
      version: 1,
      pages: doc.pages.map((p) => ({ first: p.first, count: p.count, size: p.size, cid: p.cid })),
    }
  }
  return {
    version: 1,
    entries: doc.entries.map((e) => {
      const base = { name: e.name, kind: e.kind, size: e.size, mode: e.mode, mtime: e.mtimeMs }
      return e.kind === 'symlink' ? { ...base, target: e.target } : { ...base, cid: e.cid }
    }),
  }
}

/** Encodes a document as deterministic dag-cbor; validates it first (throws DirectoryError). */
export function encodeDirectory(doc: DirectoryDocument): Uint8Array {
  const bytes = dagCbor.encode(toEncodable(validateDirectory(toEncodable(doc))))
  if (bytes.length > MAX_DIRECTORY_BYTES) fail(`encoded document exceeds ${MAX_DIRECTORY_BYTES} bytes`)
  return bytes
}

/**
 * Decodes and strictly validates document bytes. Throws DirectoryError (INVALID_ARGUMENT) on
 * any malformed, hostile (bad names, duplicates, unsorted) or non-canonical input; never anything else.
 */
export function decodeDirectory(bytes: Uint8Array): DirectoryDocument {
  if (!(bytes instanceof Uint8Array)) fail('bytes must be a Uint8Array')
  if (bytes.length > MAX_DIRECTORY_BYTES) fail(`encoded document exceeds ${MAX_DIRECTORY_BYTES} bytes`)
  let value: unknown
  try {
    value = dagCbor.decode(bytes)
  } catch (cause) {
    fail('not valid dag-cbor', cause)
  }
  const doc = validateDirectory(value)
  if (!equalBytes(dagCbor.encode(toEncodable(doc)), bytes)) fail('encoding is not canonical')
  return doc
}

/** Total size of a folder's entries (what its parent records as the folder's size). */
export function directorySize(doc: DirectoryDocument): number {
  let total = 0
  for (const item of 'pages' in doc ? doc.pages : doc.entries) total += item.size
  return total
}

/**
 * Builds the canonical document of a folder from its entries in any order: sorts them, and
 * when there are more than MAX_PAGE_ENTRIES, splits them into pages of MAX_PAGE_ENTRIES,
 * stores each page's bytes with `storePage` (which returns the CID of the file holding them)
 * and returns an index. Throws DirectoryError on a bad entry or a duplicate name.
 */
export async function buildDirectory(
  entries: readonly DirectoryEntry[],
  storePage: (bytes: Uint8Array, index: number) => Promise<CID>,
): Promise<{ document: DirectoryDocument; bytes: Uint8Array; size: number }> {
  const sorted = [...entries].sort((a, b) => compareNames(a.name, b.name))
  if (sorted.length <= MAX_PAGE_ENTRIES) {
    const document: EntriesDocument = { version: 1, entries: sorted }
    const bytes = encodeDirectory(document)
    return { document, bytes, size: directorySize(document) }
  }
  if (sorted.length > MAX_PAGE_ENTRIES * MAX_DIRECTORY_PAGES) {
    fail(`a folder may hold at most ${MAX_PAGE_ENTRIES * MAX_DIRECTORY_PAGES} entries`)
  }
  const pages: PageRef[] = []
  for (let start = 0; start < sorted.length; start += MAX_PAGE_ENTRIES) {
    const page: EntriesDocument = { version: 1, entries: sorted.slice(start, start + MAX_PAGE_ENTRIES) }
    const cid = await storePage(encodeDirectory(page), pages.length)
    pages.push({ first: page.entries[0].name, count: page.entries.length, size: directorySize(page), cid })
  }
  const document: IndexDocument = { version: 1, pages }
  return { document, bytes: encodeDirectory(document), size: directorySize(document) }
}

/**
 * Checks that a page fetched through `pages[index]` of an index is the page it claims to be:
 * an entries document with the recorded first name, count and size, whose names stay below the
 * next page's first name. Throws DirectoryError.
 */
export function checkPage(pages: readonly PageRef[], index: number, page: DirectoryDocument): EntriesDocument {
  const ref = pages[index]
  if (!('entries' in page)) fail(`page ${index} must be an entries document, not an index`)
  const { entries } = page
  if (entries.length !== ref.count || entries[0]?.name !== ref.first || directorySize(page) !== ref.size) {
    fail(`page ${index} does not match its index entry (first, count or size differ)`)
  }
  const next = pages[index + 1]
  if (next !== undefined && compareNames(entries[entries.length - 1].name, next.first) >= 0) {
    fail(`page ${index} overlaps page ${index + 1}`)
  }
  return page
}

/** Index of the page that would hold `name` (binary search on first names), or -1 before the first page. */
export function findPage(pages: readonly PageRef[], name: string): number {
  let lo = 0
  let hi = pages.length - 1
  let found = -1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if (compareNames(pages[mid].first, name) <= 0) {
      found = mid
      lo = mid + 1
    } else hi = mid - 1
  }
  return found
}

/** The entry called `name` in an entries document (binary search), or undefined. */
export function findEntry(doc: EntriesDocument, name: string): DirectoryEntry | undefined {
  let lo = 0
  let hi = doc.entries.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const order = compareNames(doc.entries[mid].name, name)
    if (order === 0) return doc.entries[mid]
    if (order < 0) lo = mid + 1
    else hi = mid - 1
  }
  return undefined
}

/**
 * Splits a path inside a folder ("a/b/c.txt") into checked entry names. Empty segments from
 * leading, trailing or doubled slashes are dropped; '.', '..', NUL and over-long segments are
 * refused with DirectoryError, so a path can never leave the folder.
 */
export function splitFolderPath(path: string): string[] {
  if (typeof path !== 'string') fail('path must be a string')
  const segments = path.split('/').filter((segment) => segment.length > 0)
  for (const segment of segments) {
    const problem = entryNameProblem(segment)
    if (problem !== undefined) fail(`path segment ${JSON.stringify(segment).slice(0, 80)} ${problem}`)
  }
  return segments
}
