/**
 * Reading folders back: where the bytes come from is a FolderSource (the gateway, a local
 * store); everything read is verified here against the CIDs before it is trusted.
 */

import { IntegrityError, NotFoundError } from '@netswarm/runtime/errors'
import type { CID } from 'multiformats/cid'
import { manifestCid } from './cid.ts'
import {
  checkPage,
  DIRECTORY_MEDIA_TYPE,
  type DirectoryDocument,
  type DirectoryEntry,
  decodeDirectory,
  type EntriesDocument,
  findEntry,
  findPage,
  MAX_DIRECTORY_BYTES,
} from './directory.ts'
import { DirectoryError } from './errors.ts'
import { decodeManifest, type Manifest } from './manifest.ts'
import { verifyFile } from './verify.ts'

/** Where a folder's files come from. Nothing it returns is trusted before verification. */
export interface FolderSource {
  /** The encoded manifest of `cid`. */
  manifest(cid: CID): Promise<Uint8Array>
  /** The whole content of the file `cid`, in order. */
  content(cid: CID, manifest: Manifest): AsyncIterable<Uint8Array>
}

/** True when a manifest describes a directory document rather than a plain file. */
export function isDirectoryManifest(manifest: Pick<Manifest, 'mediaType'>): boolean {
  return manifest.mediaType === DIRECTORY_MEDIA_TYPE
}

/** Fetches a manifest and checks it hashes to `cid` (IntegrityError otherwise). */
export async function verifiedManifest(source: FolderSource, cid: CID): Promise<Manifest> {
  const bytes = await source.manifest(cid)
  if (!manifestCid(bytes).equals(cid)) {
    throw new IntegrityError(`the manifest received for ${cid} does not hash to it`)
  }
  return decodeManifest(bytes)
}

/**
 * Reads the directory document stored in file `cid`: checks the manifest is a folder's, reads
 * and verifies every byte against it, and decodes strictly (DirectoryError on a bad document).
 */
export async function readDirectory(source: FolderSource, cid: CID): Promise<DirectoryDocument> {
  const manifest = await verifiedManifest(source, cid)
  return readDirectoryContent(source, cid, manifest)
}

/** As readDirectory, for a manifest already verified. */
export async function readDirectoryContent(
  source: FolderSource,
  cid: CID,
  manifest: Manifest,
): Promise<DirectoryDocument> {
  if (!isDirectoryManifest(manifest)) throw new DirectoryError(`${cid} is a file (${manifest.mediaType}), not a folder`)
  if (manifest.size > MAX_DIRECTORY_BYTES) {
    throw new DirectoryError(`folder document ${cid} is ${manifest.size} bytes, over ${MAX_DIRECTORY_BYTES}`)
  }
  const bytes = new Uint8Array(manifest.size)
  let filled = 0
  async function* collect(): AsyncGenerator<Uint8Array> {
    for await (const block of source.content(cid, manifest)) {
      if (filled + block.length <= bytes.length) bytes.set(block, filled)
      filled += block.length
      yield block
    }
  }
  await verifyFile(manifest, collect())
  return decodeDirectory(bytes)
}

/** Every entry of a folder document in name order, reading and checking the pages of a large one. */
export async function* listEntries(source: FolderSource, doc: DirectoryDocument): AsyncGenerator<DirectoryEntry> {
  if ('entries' in doc) {
    yield* doc.entries
    return
  }
  for (let i = 0; i < doc.pages.length; i++) {
    const page = checkPage(doc.pages, i, await readDirectory(source, doc.pages[i].cid))
    yield* page.entries
  }
}

/** The entry `name` of a folder document (reading at most one page), or undefined. */
export async function lookupEntry(
  source: FolderSource,
  doc: DirectoryDocument,
  name: string,
): Promise<DirectoryEntry | undefined> {
  let page: EntriesDocument
  if ('entries' in doc) page = doc
  else {
    const index = findPage(doc.pages, name)
    if (index < 0) return undefined
    page = checkPage(doc.pages, index, await readDirectory(source, doc.pages[index].cid))
  }
  return findEntry(page, name)
}

/**
 * Follows `segments` (checked names, see splitFolderPath) from the folder `root`. Symlinks are
 * never followed. Throws NotFoundError when a segment is missing or crosses a file or symlink.
 * Returns the folder's document when the path names a folder (or is empty).
 */
export async function resolveFolderPath(
  source: FolderSource,
  root: CID,
  segments: readonly string[],
): Promise<{ entry?: DirectoryEntry; document?: DirectoryDocument }> {
  let document = await readDirectory(source, root)
  let entry: DirectoryEntry | undefined
  for (let i = 0; i < segments.length; i++) {
    const found = await lookupEntry(source, document, segments[i])
    const where = segments.slice(0, i + 1).join('/')
    if (found === undefined) throw new NotFoundError(`no ${where} in folder ${root}`)
    entry = found
    if (found.kind === 'directory') document = await readDirectory(source, found.cid)
    else if (i < segments.length - 1)
      throw new NotFoundError(`${where} in folder ${root} is a ${found.kind}, not a folder`)
  }
  return entry === undefined || entry.kind === 'directory' ? { entry, document } : { entry }
}
