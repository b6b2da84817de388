import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { mediaTypeFor } from '@netswarm/content'
import type { ApiClient } from '../api-client.ts'
import { CliError, EXIT } from '../exit-codes.ts'
import { formatBytes, printJson } from '../format.ts'
import { createProgress } from '../progress.ts'
import { addFolderCommand } from './folder.ts'

export interface AddOptions {
  name?: string
  type?: string
  json?: boolean
  quiet?: boolean
  /** Encrypt here before uploading (docs/crypto.md). */
  private?: boolean
  /** Folders: report unreadable files and folders and go on. */
  skipUnreadable?: boolean
  /** Announce the file to search (docs/search.md); files are not searchable otherwise. */
  public?: boolean
  /** Search tags of a public file. */
  tag?: string[]
  /** Search description of a public file. */
  description?: string
}

/** What the gateway answers to an upload. */
export interface UploadResult {
  cid: string
  name: string
  size: number
  chunks: number
  link: string
  netswarmLink: string
  mediaType: string
  /** True when the file was announced to search. */
  public?: boolean
}

/** `netswarm add <file>`: streams a file to the gateway, prints its CID and share link. */
export async function addCommand(api: ApiClient, file: string, options: AddOptions): Promise<void> {
  if ((await stat(file).catch(() => undefined))?.isDirectory()) return addFolderCommand(api, file, options)
  const result = await uploadFile(api, file, options)
  if (options.json) return printJson(result)
  if (options.quiet) {
    process.stdout.write(`${result.cid}\n`)
    return
  }
  process.stdout.write(
    `added ${result.name} (${formatBytes(result.size)}, ${result.chunks} chunks)\n` +
      `cid   ${result.cid}\n` +
      `link  ${result.link}\n` +
      `      ${result.netswarmLink}\n` +
      (result.public ? 'public: announced to search\n' : ''),
  )
}

/** A local file about to be uploaded: its name, media type and size, and its bytes with progress on stderr. */
export interface UploadSource {
  name: string
  mediaType: string
  size: number
  /** The file's bytes in 1 MiB reads; each read advances the progress line. */
  bytes(): AsyncGenerator<Uint8Array>
  /** Ends the progress line. */
  done(): void
}

/** Opens a regular file for upload (progress unless quiet or json); a missing or non-regular file is a usage error. */
export async function openUploadSource(file: string, options: AddOptions): Promise<UploadSource> {
  const info = await stat(file).catch((err: NodeJS.ErrnoException) => {
    throw new CliError(`cannot read ${file}: ${err.code === 'ENOENT' ? 'no such file' : err.message}`, EXIT.USAGE)
  })
  if (!info.isFile()) throw new CliError(`${file} is not a regular file`, EXIT.USAGE)
  const name = options.name ?? basename(file)
  const progress = createProgress('add', info.size, { quiet: options.quiet || options.json })
  return {
    name,
    mediaType: options.type ?? mediaTypeFor(name),
    size: info.size,
    async *bytes() {
      let sent = 0
      for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 })) {
        sent += (chunk as Buffer).byteLength
        progress.update(sent)
        yield chunk as Buffer
      }
    },
    done: () => progress.stop(),
  }
}

/** Streams a file to the gateway (progress on stderr unless quiet or json). */
export async function uploadFile(api: ApiClient, file: string, options: AddOptions): Promise<UploadResult> {
  const source = await openUploadSource(file, options)
  let result: UploadResult
  try {
    result = await api.json(`/api/v1/files?${uploadQuery(source.name, options)}`, {
      method: 'POST',
      auth: true,
      headers: { 'content-type': source.mediaType, 'content-length': String(source.size) },
      body: ReadableStream.from(source.bytes()),
      duplex: 'half',
    } as RequestInit & { auth: boolean; duplex: 'half' })
  } finally {
    source.done()
  }
  return result
}

/** The upload's query string: the name and, for a public file, its search metadata. */
export function uploadQuery(name: string, options: AddOptions): string {
  const query = new URLSearchParams({ name })
  if (!options.public && (options.tag?.length || options.description)) {
    throw new CliError('--tag and --description describe public files: add --public', EXIT.USAGE)
  }
  if (options.public) {
    query.set('public', 'true')
    for (const t of options.tag ?? []) query.append('tags', t)
    if (options.description) query.set('description', options.description)
  }
  return query.toString()
}
