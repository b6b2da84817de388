import { codeOfStatus } from './errors.ts'
import { UploadError, type UploadResult, uploadFile } from './upload.ts'

/** Media type of a folder's directory document (docs/folders.md). */
export const FOLDER_MEDIA_TYPE = 'application/vnd.netswarm.directory'

/**
 * Shares a folder picked in the browser (`<input webkitdirectory>`): uploads each file, then asks
 * the gateway to publish the tree (`POST /api/v1/folders`). Browsers give no modes or symlinks;
 * times come from File.lastModified. `onProgress` gets the bytes sent over all files.
 */
export async function publishFolder(
  peer: number,
  name: string,
  files: File[],
  onProgress: (sent: number) => void,
): Promise<UploadResult> {
  const entries: { kind: 'file'; path: string; cid: string; mtimeMs: number }[] = []
  let done = 0
  for (const file of files) {
    const uploaded = await uploadFile(peer, file, (sent) => onProgress(done + sent))
    done += file.size
    // webkitRelativePath is "<picked folder>/<path inside it>".
    const path = file.webkitRelativePath.split('/').slice(1).join('/') || file.name
    entries.push({ kind: 'file', path, cid: uploaded.cid, mtimeMs: Math.round(file.lastModified) })
  }
  const res = await fetch(`/gw/${peer}/api/v1/folders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, entries }),
  })
  const body = (await res.json().catch(() => ({}))) as {
    cid?: string
    name?: string
    size?: number
    link?: string
    netswarmLink?: string
    error?: { message?: string }
  }
  if (!res.ok || !body.cid) {
    throw new UploadError(codeOfStatus(res.status), body.error?.message ?? `folder publish failed (HTTP ${res.status})`)
  }
  return {
    cid: body.cid,
    name: body.name ?? name,
    mediaType: FOLDER_MEDIA_TYPE,
    size: body.size ?? done,
    chunks: 0,
    link: body.link ?? '',
    netswarmLink: body.netswarmLink ?? '',
  }
}
