/**
 * Publishing a folder from files already uploaded (`POST /api/v1/folders`): the client uploads
 * each file with `POST /api/v1/files`, then sends the tree (paths, CIDs, modes, times); the
 * gateway writes the directory documents bottom-up and publishes each one. This is how a browser
 * shares a folder (it has no access to modes or symlinks; times come from File.lastModified).
 */
import {
  buildDirectory,
  type CID,
  DIRECTORY_MEDIA_TYPE,
  type DirectoryEntry,
  decodeManifest,
  isDirectoryManifest,
  MODE_MASK,
  parseManifestCid,
  splitFolderPath,
} from '@netswarm/content'
import { InvalidArgumentError } from '@netswarm/runtime'
import { z } from 'zod'
import type { GatewayBackend } from './backend.ts'
import { sanitizeFileName } from './file-names.ts'
import type { FolderCall } from './folders.ts'
import { shareLink } from './links.ts'
import { manifestBytes } from './operations.ts'

/** Most entries in one folder publish request. */
export const MAX_PUBLISHED_ENTRIES = 100_000

const common = {
  path: z.string().min(1).max(4096),
  mode: z.number().int().min(0).max(MODE_MASK).optional(),
  mtimeMs: z.number().int().optional(),
}

export const folderPublishSchema = z.object({
  name: z.string().min(1).max(255),
  entries: z
    .array(
      z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('file'), cid: z.string().min(1).max(200), ...common }),
        z.object({ kind: z.literal('directory'), ...common }),
        z.object({ kind: z.literal('symlink'), target: z.string().min(1).max(4095), ...common }),
      ]),
    )
    .max(MAX_PUBLISHED_ENTRIES),
})

export type FolderPublishInput = z.infer<typeof folderPublishSchema>

interface DirNode {
  kind: 'directory'
  children: Map<string, Node>
  mode?: number
  mtimeMs?: number
}
type Node =
  | DirNode
  | { kind: 'file'; cid: CID; mode?: number; mtimeMs?: number }
  | { kind: 'symlink'; target: string; mode?: number; mtimeMs?: number }

const DEFAULT_FILE_MODE = 0o644
const DEFAULT_DIR_MODE = 0o755
const DEFAULT_LINK_MODE = 0o777

/** Builds the tree of `input`, refusing bad paths, duplicates and a file used as a folder. */
function buildTree(input: FolderPublishInput): DirNode {
  const root: DirNode = { kind: 'directory', children: new Map() }
  for (const item of input.entries) {
    const segments = splitFolderPath(item.path)
    if (segments.length === 0) throw new InvalidArgumentError('an entry path must name something inside the folder')
    let dir = root
    for (const segment of segments.slice(0, -1)) {
      let next = dir.children.get(segment)
      if (next === undefined) {
        next = { kind: 'directory', children: new Map() }
        dir.children.set(segment, next)
      }
      if (next.kind !== 'directory') throw new InvalidArgumentError(`${item.path}: ${segment} is not a folder`)
      dir = next
    }
    const last = segments[segments.length - 1]
    const existing = dir.children.get(last)
    const meta = { mode: item.mode, mtimeMs: item.mtimeMs }
    if (item.kind === 'directory') {
      if (existing !== undefined && existing.kind !== 'directory') throw duplicate(item.path)
      if (existing?.kind === 'directory') Object.assign(existing, meta)
      else dir.children.set(last, { kind: 'directory', children: new Map(), ...meta })
      continue
    }
    if (existing !== undefined) throw duplicate(item.path)
    if (item.kind === 'file') dir.children.set(last, { kind: 'file', cid: parseManifestCid(item.cid.trim()), ...meta })
    else dir.children.set(last, { kind: 'symlink', target: item.target, ...meta })
  }
  return root
}

function duplicate(path: string): InvalidArgumentError {
  return new InvalidArgumentError(`${path} is listed twice`)
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes
}

export interface FolderPublishResult {
  cid: string
  name: string
  size: number
  files: number
  directories: number
  link: string
  netswarmLink: string
}

/** Publishes the folder described by `input`; every file must already be known to this peer or the swarm. */
export async function publishFolder(
  backend: GatewayBackend,
  input: FolderPublishInput,
  options: FolderCall & { baseUrl: string },
): Promise<FolderPublishResult> {
  const tree = buildTree(input)
  const counts = { files: 0, directories: 0 }
  const publish = async (name: string, bytes: Uint8Array) =>
    parseManifestCid(
      (
        await backend.transfer.publish(
          once(bytes),
          { name, mediaType: DIRECTORY_MEDIA_TYPE },
          { signal: options.signal },
        )
      ).cid,
    )

  const build = async (node: DirNode, name: string): Promise<{ cid: CID; size: number; mtimeMs: number }> => {
    const entries: DirectoryEntry[] = []
    let newest = 0
    for (const [childName, child] of node.children) {
      let entry: DirectoryEntry
      if (child.kind === 'directory') {
        const built = await build(child, childName)
        const mtimeMs = child.mtimeMs ?? built.mtimeMs
        entry = {
          name: childName,
          kind: 'directory',
          size: built.size,
          mode: child.mode ?? DEFAULT_DIR_MODE,
          mtimeMs,
          cid: built.cid,
        }
      } else if (child.kind === 'file') {
        const manifest = decodeManifest(await manifestBytes(backend, child.cid.toString(), options))
        if (isDirectoryManifest(manifest)) throw new InvalidArgumentError(`${child.cid} is a folder, not a file`)
        counts.files++
        entry = {
          name: childName,
          kind: 'file',
          size: manifest.size,
          mode: child.mode ?? DEFAULT_FILE_MODE,
          mtimeMs: child.mtimeMs ?? 0,
          cid: child.cid,
        }
      } else {
        entry = {
          name: childName,
          kind: 'symlink',
          size: Buffer.byteLength(child.target, 'utf8'),
          mode: child.mode ?? DEFAULT_LINK_MODE,
          mtimeMs: child.mtimeMs ?? 0,
          target: child.target,
        }
      }
      newest = Math.max(newest, entry.mtimeMs)
      entries.push(entry)
    }
    const built = await buildDirectory(entries, (bytes) => publish(name, bytes))
    counts.directories++
    return { cid: await publish(name, built.bytes), size: built.size, mtimeMs: newest }
  }

  const name = sanitizeFileName(input.name, 'folder')
  const root = await build(tree, name)
  const cid = root.cid.toString()
  return {
    cid,
    name,
    size: root.size,
    ...counts,
    link: shareLink(options.baseUrl, cid),
    netswarmLink: `netswarm://${cid}`,
  }
}
