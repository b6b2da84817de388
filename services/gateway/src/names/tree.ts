import {
  type CID,
  type FolderSource,
  isDirectoryManifest,
  listEntries,
  readDirectoryContent,
  verifiedManifest,
} from '@netswarm/content'

/** Every manifest and chunk a version's content uses (a file, or a folder and all below it). */
export interface ContentTree {
  /** Manifest CIDs: the file's, or every document, page and file manifest of a folder. */
  manifests: Set<string>
  chunks: Set<string>
}

/**
 * Walks the content `cid` through `source` (each manifest verified; folder documents decoded
 * strictly). A folder listing the same sub-folder twice is walked once.
 */
export async function walkContentTree(source: FolderSource, cid: CID, signal?: AbortSignal): Promise<ContentTree> {
  const tree: ContentTree = { manifests: new Set(), chunks: new Set() }
  const pending: CID[] = [cid]
  while (pending.length > 0) {
    signal?.throwIfAborted()
    const next = pending.pop() as CID
    const key = next.toString()
    if (tree.manifests.has(key)) continue
    tree.manifests.add(key)
    const manifest = await verifiedManifest(source, next)
    for (const chunk of manifest.chunks) tree.chunks.add(chunk.cid.toString())
    if (!isDirectoryManifest(manifest)) continue
    const document = await readDirectoryContent(source, next, manifest)
    if ('pages' in document) {
      // Pages of a large folder are files too: their manifests and chunks belong to the version.
      for (const page of document.pages) {
        tree.manifests.add(page.cid.toString())
        const pageManifest = await verifiedManifest(source, page.cid)
        for (const chunk of pageManifest.chunks) tree.chunks.add(chunk.cid.toString())
      }
    }
    for await (const entry of listEntries(source, document)) {
      if (entry.kind !== 'symlink') pending.push(entry.cid)
    }
  }
  return tree
}

/** A FolderSource over this peer's storage only (no swarm lookups). */
export function storageFolderSource(storage: {
  getManifest(cid: string): Promise<{ bytes: Uint8Array }>
  readFile(cid: string): AsyncIterable<Uint8Array>
}): FolderSource {
  return {
    manifest: async (cid) => (await storage.getManifest(cid.toString())).bytes,
    content: (cid) => storage.readFile(cid.toString()),
  }
}
