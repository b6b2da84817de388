/**
 * Private files in the CLI (docs/crypto.md): `add --private` encrypts here, before any byte
 * reaches the gateway; `fetch <read link>` decrypts here; `share` wraps the read key for a
 * recipient's public key here and hands only the wrapped key to the gateway, which signs it with
 * this peer's identity and delivers it; `shared` and `identity` ask this peer's gateway.
 */
import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import { rename, stat, unlink } from 'node:fs/promises'
import {
  type CarrierReader,
  carrierSize,
  gatewayReadLink,
  type OpenedFile,
  openFile,
  PRIVATE_CARRIER_NAME,
  PRIVATE_MEDIA_TYPE,
  PrivateFormatError,
  PrivateIntegrityError,
  PrivateKeyError,
  readLink,
  sealFile,
  verifyLink,
  wrapForRecipient,
} from '@netswarm/content/private'
import { ed25519PublicToX25519 } from '@netswarm/identity'
import type { ApiClient } from '../api-client.ts'
import { CliError, EXIT } from '../exit-codes.ts'
import { formatBytes, printJson } from '../format.ts'
import { createProgress } from '../progress.ts'
import { type AddOptions, openUploadSource } from './add.ts'
import { type FetchOptions, outputPath, verifiedManifest } from './fetch.ts'

const LINK_WARNING =
  'Anyone with this link can read the file, and it is shown only now: keep it safe (it is not stored anywhere).'

/** `netswarm add --private <file>`: encrypts locally, uploads the carrier, prints the read link once. */
export async function addPrivateCommand(api: ApiClient, file: string, options: AddOptions): Promise<void> {
  const source = await openUploadSource(file, options)
  const { name, mediaType } = source
  let sealed: ReturnType<typeof sealFile>
  try {
    sealed = sealFile(source.bytes(), { name, mediaType })
  } catch (err) {
    if (err instanceof PrivateFormatError) throw new CliError(err.message, EXIT.USAGE)
    throw err
  }
  let result: { cid: string; size: number; chunks: number }
  try {
    result = await api.json(`/api/v1/files?name=${PRIVATE_CARRIER_NAME}`, {
      method: 'POST',
      auth: true,
      headers: { 'content-type': PRIVATE_MEDIA_TYPE, 'content-length': String(carrierSize(source.size)) },
      body: ReadableStream.from(sealed.carrier),
      duplex: 'half',
    } as RequestInit & { auth: boolean; duplex: 'half' })
  } finally {
    source.done()
  }
  const links = {
    cid: result.cid,
    name,
    mediaType,
    size: source.size,
    carrierSize: result.size,
    netswarmLink: readLink(result.cid, sealed.readKey),
    link: gatewayReadLink(api.url, result.cid, sealed.readKey),
    verifyLink: verifyLink(result.cid),
    warning: LINK_WARNING,
  }
  if (options.json) return printJson(links)
  if (options.quiet) {
    process.stdout.write(`${links.netswarmLink}\n`)
    return
  }
  process.stdout.write(
    `added ${name} privately (${formatBytes(source.size)}, encrypted here; peers store ${formatBytes(result.size)} of ciphertext)\n` +
      `read link    ${links.netswarmLink}\n` +
      `             ${links.link}\n` +
      `verify link  ${links.verifyLink}  (replicate without reading)\n` +
      `${LINK_WARNING}\n`,
  )
}

/** Reads carrier byte ranges through the gateway's `/f/<cid>` with Range requests. */
function httpReader(api: ApiClient, cid: string): CarrierReader {
  return async function* (offset, length) {
    if (length === 0) return
    const res = await api.request(`/f/${cid}`, { headers: { range: `bytes=${offset}-${offset + length - 1}` } })
    if (res.status !== 206 || !res.body)
      throw new CliError(`the gateway did not serve a byte range of ${cid}`, EXIT.FAILURE)
    yield* res.body as unknown as AsyncIterable<Uint8Array>
  }
}

/** Opens a private file through the gateway; typed failures become CliErrors. */
async function openPrivate(api: ApiClient, cid: string, readKey: Uint8Array, prefetch = false): Promise<OpenedFile> {
  const manifest = await verifiedManifest(api, cid)
  if (manifest.mediaType !== PRIVATE_MEDIA_TYPE) {
    throw new CliError(`${cid} is not a private file; fetch it without a key`, EXIT.USAGE)
  }
  try {
    return await openFile(httpReader(api, cid), manifest.size, readKey, { prefetch })
  } catch (err) {
    throw privateError(err)
  }
}

function privateError(err: unknown): unknown {
  if (err instanceof PrivateKeyError) return new CliError(`${err.message}; nothing was written`, EXIT.NO_KEY)
  if (err instanceof PrivateIntegrityError || err instanceof PrivateFormatError) {
    return new CliError(`verification failed: ${err.message}; nothing was kept`, EXIT.INTEGRITY)
  }
  return err
}

/** `netswarm fetch <read link>`: decrypts here, writes to a temporary file, renames when all verified. */
export async function fetchPrivateCommand(
  api: ApiClient,
  cid: string,
  readKey: Uint8Array,
  options: FetchOptions,
): Promise<void> {
  const opened = await openPrivate(api, cid, readKey, true)
  const { header } = opened
  const path = await outputPath(options.output, header.name, cid)
  if (!options.force && (await stat(path).catch(() => undefined))) {
    throw new CliError(`${path} already exists; pass --force to overwrite or -o to choose another path`, EXIT.USAGE)
  }
  const partial = `${path}.netswarm-part`
  const out = createWriteStream(partial)
  await once(out, 'open')
  const progress = createProgress('fetch', header.size, { quiet: options.quiet || options.json })
  let done = 0
  try {
    for await (const block of opened.plaintext) {
      if (!out.write(block)) await once(out, 'drain')
      done += block.length
      progress.update(done)
    }
    out.end()
    await once(out, 'finish')
    await rename(partial, path)
  } catch (err) {
    out.destroy()
    await unlink(partial).catch(() => {})
    throw privateError(err)
  } finally {
    progress.stop()
  }
  if (options.json) {
    return printJson({ cid, path, name: header.name, mediaType: header.mediaType, size: header.size, verified: true })
  }
  if (!options.quiet) {
    process.stdout.write(`fetched private ${cid}\n  -> ${path} (${formatBytes(header.size)}, decrypted and verified)\n`)
  }
}

/** Parses a recipient key: 64 hex characters or 43 base64url characters. */
function parseRecipient(text: string): Uint8Array {
  const trimmed = text.trim()
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return new Uint8Array(Buffer.from(trimmed, 'hex'))
  if (/^[A-Za-z0-9_-]{43}$/.test(trimmed)) return new Uint8Array(Buffer.from(trimmed, 'base64url'))
  throw new CliError('--to takes a public key: 64 hex characters, as `netswarm identity` prints it', EXIT.USAGE)
}

/** `netswarm share <read link> --to <key>`: wraps the read key for the recipient, here. */
export async function shareCommand(
  api: ApiClient,
  cid: string,
  readKey: Uint8Array,
  options: { to: string; json?: boolean },
): Promise<void> {
  const recipient = parseRecipient(options.to)
  let recipientX25519: Uint8Array
  try {
    recipientX25519 = ed25519PublicToX25519(recipient)
  } catch (err) {
    throw new CliError(`--to: ${(err as Error).message}`, EXIT.USAGE)
  }
  // Opening the header proves the key is right before anything is sent.
  const opened = await openPrivate(api, cid, readKey)
  await opened.plaintext.return(undefined)
  // The gateway signs the wrapped share with this peer's identity before it delivers it.
  const envelope = wrapForRecipient({
    cid,
    readKey,
    name: opened.header.name,
    recipientEd25519: recipient,
    recipientX25519,
  })
  const result = await api.json<{ inbox: string; storedOn: number }>('/api/v1/private/shares', {
    method: 'POST',
    auth: true,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ to: Buffer.from(recipient).toString('hex'), envelope }),
  })
  if (options.json) return printJson({ cid, to: Buffer.from(recipient).toString('hex'), ...result })
  process.stdout.write(`shared ${opened.header.name} (${cid}) with ${Buffer.from(recipient).toString('hex')}\n`)
}

/** `netswarm shared`: what was shared with this peer's identity. */
export async function sharedCommand(api: ApiClient, options: { json?: boolean }): Promise<void> {
  const { shared } = await api.json<{ shared: { cid: string; name: string; from: string; netswarmLink: string }[] }>(
    '/api/v1/private/shared',
    { auth: true },
  )
  if (options.json) return printJson({ shared })
  if (shared.length === 0) {
    process.stdout.write('nothing was shared with this peer yet\n')
    return
  }
  for (const s of shared) process.stdout.write(`${s.name}  from ${s.from} (signed)\n  ${s.netswarmLink}\n`)
}

/** `netswarm identity`: this peer's public key, to give to people who share files with it. */
export async function identityCommand(api: ApiClient, options: { json?: boolean }): Promise<void> {
  const id = await api.json<{ peerId: string; publicKey: string }>('/api/v1/identity')
  if (options.json) return printJson(id)
  process.stdout.write(`peer id     ${id.peerId}\npublic key  ${id.publicKey}\n`)
}
