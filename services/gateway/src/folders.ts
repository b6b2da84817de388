/**
 * Folder operations of the gateway (docs/folders.md), shared by `/f/<cid>/path`, REST
 * `/api/v1/folders` and tRPC `folders.list`. Documents are read through the transfer service
 * (from this peer or the swarm) and verified and decoded strictly by @netswarm/content.
 */
import {
  type CID,
  DIRECTORY_MEDIA_TYPE,
  type DirectoryDocument,
  type DirectoryEntry,
  directorySize,
  type FolderSource,
  listEntries,
  parseManifestCid,
  resolveFolderPath,
  splitFolderPath,
} from '@netswarm/content'
import { InvalidArgumentError } from '@netswarm/runtime'
import type { GatewayBackend } from './backend.ts'
import { shareLink } from './links.ts'
import { manifestBytes } from './operations.ts'

/** Most entries in one listing answer; `after` continues. */
export const MAX_FOLDER_PAGE = 5000
const DEFAULT_FOLDER_PAGE = 1000
/** CIDs whose kind (folder or not) is remembered: content behind a CID never changes. */
const KIND_CACHE_SIZE = 4096

export interface FolderCall {
  lookupTimeoutMs: number
  signal?: AbortSignal
}

/** A FolderSource over the peer's services: manifests from storage (or the swarm), bytes via transfer. */
export function folderSource(backend: GatewayBackend, call: FolderCall): FolderSource {
  return {
    manifest: (cid: CID) => manifestBytes(backend, cid.toString(), call),
    async *content(cid: CID) {
      const body = await backend.transfer.readFile(
        cid.toString(),
        { offset: 0, length: 0 },
        { signal: call.signal, timeoutMs: call.lookupTimeoutMs },
      )
      yield* body.data
    },
  }
}

const kindCache = new Map<string, boolean>()

/** True when `cid` is a folder (its manifest has the directory media type); cached. */
export async function isFolder(backend: GatewayBackend, cid: string, call: FolderCall): Promise<boolean> {
  const known = kindCache.get(cid)
  if (known !== undefined) return known
  const info = await backend.transfer.stat(cid, { signal: call.signal, timeoutMs: call.lookupTimeoutMs })
  const folder = info.mediaType === DIRECTORY_MEDIA_TYPE
  if (kindCache.size >= KIND_CACHE_SIZE) kindCache.delete(kindCache.keys().next().value as string)
  kindCache.set(cid, folder)
  return folder
}

/** An entry as the APIs show it; `cid` and `link` for files and folders, `target` for symlinks. */
export interface FolderEntryView {
  name: string
  kind: DirectoryEntry['kind']
  size: number
  mode: number
  mtimeMs: number
  cid?: string
  target?: string
  /** `/f/<root>/<path>/<name>` on this gateway (files and folders). */
  link?: string
}

export interface FolderListing {
  /** The folder the path starts from. */
  cid: string
  /** Its name (as published). */
  name: string
  /** Path inside it, '' for the top ('a/b' style, no leading or trailing slash). */
  path: string
  /** CID of the folder at `path`. */
  folderCid: string
  /** Total bytes below the folder at `path`. */
  size: number
  entries: FolderEntryView[]
  /** Pass back as `after` for the next entries; absent when this is the end. */
  nextAfter?: string
}

function encodePath(segments: readonly string[]): string {
  return segments.map(encodeURIComponent).join('/')
}

/** The gateway link of a path inside a folder. */
export function folderLink(baseUrl: string, root: string, segments: readonly string[]): string {
  return segments.length === 0 ? shareLink(baseUrl, root) : `${shareLink(baseUrl, root)}/${encodePath(segments)}`
}

/** Resolves `path` inside folder `cidText`; throws NOT_FOUND, or INVALID_ARGUMENT for a bad path or CID. */
export async function resolveInFolder(
  backend: GatewayBackend,
  cidText: string,
  segments: readonly string[],
  call: FolderCall,
): Promise<{ entry?: DirectoryEntry; document?: DirectoryDocument; folderCid: CID }> {
  const root = parseManifestCid(cidText)
  const found = await resolveFolderPath(folderSource(backend, call), root, segments)
  const folderCid = found.entry === undefined ? root : found.entry.kind === 'directory' ? found.entry.cid : root
  return { ...found, folderCid }
}

/** One page of the entries of the folder at `path` inside `cid`. */
export async function listFolder(
  backend: GatewayBackend,
  input: { cid: string; path?: string; after?: string; limit?: number },
  options: FolderCall & { baseUrl: string },
): Promise<FolderListing> {
  const limit = input.limit ?? DEFAULT_FOLDER_PAGE
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_FOLDER_PAGE) {
    throw new InvalidArgumentError(`limit must be an integer from 1 to ${MAX_FOLDER_PAGE}`)
  }
  const root = parseManifestCid(input.cid.trim()).toString()
  const segments = splitFolderPath(input.path ?? '')
  const found = await resolveInFolder(backend, root, segments, options)
  if (found.document === undefined) {
    throw new InvalidArgumentError(`${segments.join('/')} is a ${found.entry?.kind}, not a folder`)
  }
  const entries: FolderEntryView[] = []
  let nextAfter: string | undefined
  const after = input.after ? Buffer.from(input.after, 'utf8') : undefined
  for await (const entry of listEntries(folderSource(backend, options), found.document)) {
    if (after !== undefined && Buffer.compare(Buffer.from(entry.name, 'utf8'), after) <= 0) continue
    if (entries.length === limit) {
      nextAfter = entries[entries.length - 1].name
      break
    }
    entries.push(entryView(entry, options.baseUrl, root, segments))
  }
  const { name } = await backend.transfer.stat(root, { signal: options.signal, timeoutMs: options.lookupTimeoutMs })
  return {
    cid: root,
    name,
    path: segments.join('/'),
    folderCid: found.folderCid.toString(),
    size: directorySize(found.document),
    entries,
    nextAfter,
  }
}

function entryView(entry: DirectoryEntry, baseUrl: string, root: string, segments: readonly string[]): FolderEntryView {
  const { name, kind, size, mode, mtimeMs } = entry
  if (entry.kind === 'symlink') return { name, kind, size, mode, mtimeMs, target: entry.target }
  return {
    name,
    kind,
    size,
    mode,
    mtimeMs,
    cid: entry.cid.toString(),
    link: folderLink(baseUrl, root, [...segments, name]),
  }
}
