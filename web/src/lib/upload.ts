import { type ConsoleError, codeOfStatus } from './errors.ts'

/** The gateway's answer to an upload (docs/api.md, `POST /api/v1/files`). */
export interface UploadResult {
  cid: string
  name: string
  mediaType: string
  size: number
  chunks: number
  link: string
  netswarmLink: string
  /** Private uploads: the verify-only link and the warning to show with the read link. */
  verifyLink?: string
  warning?: string
}

/** A failed upload, with the gateway's code when it gave one. */
export class UploadError extends Error implements ConsoleError {
  readonly needsToken: boolean
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'UploadError'
    this.needsToken = code === 'UNAUTHORIZED' || code === 'FORBIDDEN'
  }
}

/**
 * Uploads one file to peer `peer` through the console server, streaming the body and reporting
 * bytes sent. XMLHttpRequest, not fetch: only XHR reports upload progress in browsers.
 */
export function uploadFile(
  peer: number,
  file: File,
  onProgress: (sent: number, total: number) => void,
  signal?: AbortSignal,
  options: { private?: boolean; public?: boolean; tags?: string[] } = {},
): Promise<UploadResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    // A private upload is encrypted by the peer's gateway before anything leaves it (docs/crypto.md).
    const route = options.private ? 'private/files' : 'files'
    // Public files are announced to search with their tags (docs/search.md); others never are.
    const query = new URLSearchParams({ name: file.name })
    if (options.public && !options.private) {
      query.set('public', 'true')
      for (const t of options.tags ?? []) query.append('tags', t)
    }
    xhr.open('POST', `/gw/${peer}/api/v1/${route}?${query}`)
    xhr.setRequestHeader('content-type', file.type || 'application/octet-stream')
    xhr.responseType = 'json'
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size)
    xhr.onload = () => {
      if (xhr.status === 201 || xhr.status === 200) {
        onProgress(file.size, file.size)
        resolve(xhr.response as UploadResult)
        return
      }
      const body = xhr.response as { error?: { code?: string; message?: string } } | null
      const code = codeOfStatus(xhr.status)
      reject(new UploadError(code, body?.error?.message ?? `upload failed (HTTP ${xhr.status})`))
    }
    xhr.onerror = () => reject(new UploadError('SERVICE_UNAVAILABLE', 'the upload was cut off'))
    xhr.onabort = () => reject(new UploadError('CANCELLED', 'upload cancelled'))
    signal?.addEventListener('abort', () => xhr.abort(), { once: true })
    xhr.send(file)
  })
}
