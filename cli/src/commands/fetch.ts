import { once } from 'node:events'
import { createWriteStream, type WriteStream } from 'node:fs'
import { rename, stat, unlink } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { decodeManifest, isDirectoryManifest, type Manifest, manifestCid, verifyFile } from '@netswarm/content'
import { PRIVATE_MEDIA_TYPE } from '@netswarm/content/private'
import { sanitizeFileName } from '@netswarm/gateway'
import { isNetSwarmError } from '@netswarm/runtime'
import type { ApiClient } from '../api-client.ts'
import { CliError, EXIT } from '../exit-codes.ts'
import { formatBytes, printJson } from '../format.ts'
import { createProgress, type Progress } from '../progress.ts'
import { fetchFolderCommand } from './folder.ts'

/** How often the source count shown next to the bar is refreshed. */
const PEERS_REFRESH_MS = 1000

export interface FetchOptions {
  output?: string
  force?: boolean
  quiet?: boolean
  json?: boolean
}

/**
 * Gets the manifest through the gateway and checks it hashes to the CID, so every later byte can
 * be verified against it here, whatever the gateway or the swarm did.
 */
export async function verifiedManifest(api: ApiClient, cid: string): Promise<Manifest> {
  const bytes = await api.manifest(cid)
  if (manifestCid(bytes).toString() !== cid) {
    throw new CliError(`the gateway returned a manifest that does not match ${cid}; nothing was saved`, EXIT.INTEGRITY)
  }
  return decodeManifest(bytes)
}

/** Streams `/f/<cid>`, hands each block to `sink`, and verifies everything against the manifest. */
async function download(
  api: ApiClient,
  cid: string,
  manifest: Manifest,
  sink: (block: Uint8Array) => Promise<void>,
  progress: Progress,
): Promise<void> {
  const res = await api.request(`/f/${cid}`)
  if (!res.body) throw new CliError('the gateway answered without a body', EXIT.FAILURE)
  let done = 0
  const peersTimer = setInterval(() => {
    api.transfers().then(
      ({ transfers }) => {
        const mine = transfers.find((t) => t.cid === cid)
        if (mine) progress.update(done, { peers: mine.sources })
      },
      () => {},
    )
  }, PEERS_REFRESH_MS)
  peersTimer.unref()
  async function* blocks(): AsyncGenerator<Uint8Array> {
    for await (const block of res.body as unknown as AsyncIterable<Uint8Array>) {
      await sink(block)
      done += block.byteLength
      progress.update(done)
      yield block
    }
  }
  try {
    await verifyFile(manifest, blocks())
  } catch (err) {
    if (isNetSwarmError(err) && err.code === 'INTEGRITY') {
      throw new CliError(`verification failed: ${err.message}; nothing was kept`, EXIT.INTEGRITY)
    }
    if (err instanceof CliError) throw err
    throw new CliError(`download of ${cid} was interrupted: ${(err as Error).message}`, EXIT.FAILURE)
  } finally {
    clearInterval(peersTimer)
    progress.stop()
  }
}

async function writeBlock(out: WriteStream, block: Uint8Array): Promise<void> {
  if (!out.write(block)) await once(out, 'drain')
}

/** A private file's carrier is ciphertext: without the read key there is nothing useful to write. */
function refuseWithoutKey(manifest: Manifest, cid: string): void {
  if (manifest.mediaType === PRIVATE_MEDIA_TYPE) {
    throw new CliError(
      `${cid} is a private file: reading it needs its read link (netswarm://${cid}#k=<key>); nothing was written`,
      EXIT.NO_KEY,
    )
  }
}

/** Where `fetch` writes: `-o` as given (or inside it, when it is a directory), else a safe name here. */
export async function outputPath(output: string | undefined, name: string, cid: string): Promise<string> {
  const safe = sanitizeFileName(name, cid)
  if (output === undefined) return resolve(safe)
  const existing = await stat(output).catch(() => undefined)
  return existing?.isDirectory() ? join(output, safe) : resolve(output)
}

/** `netswarm fetch <cid|link>`: downloads through the gateway into a file, verifying every byte. */
export async function fetchCommand(api: ApiClient, cid: string, options: FetchOptions): Promise<void> {
  const manifest = await verifiedManifest(api, cid)
  refuseWithoutKey(manifest, cid)
  if (isDirectoryManifest(manifest)) return fetchFolderCommand(api, cid, manifest, options)
  const path = await outputPath(options.output, manifest.name, cid)
  if (!options.force && (await stat(path).catch(() => undefined))) {
    throw new CliError(`${path} already exists; pass --force to overwrite or -o to choose another path`, EXIT.USAGE)
  }
  const partial = `${path}.netswarm-part`
  const out = createWriteStream(partial)
  await once(out, 'open')
  const progress = createProgress('fetch', manifest.size, { quiet: options.quiet || options.json })
  try {
    await download(api, cid, manifest, (block) => writeBlock(out, block), progress)
    out.end()
    await once(out, 'finish')
    // Only verified files get their real name: a failed fetch never leaves a plausible-looking file.
    await rename(partial, path)
  } catch (err) {
    out.destroy()
    await unlink(partial).catch(() => {})
    throw err
  }
  if (options.json) return printJson({ cid, path, name: manifest.name, size: manifest.size, verified: true })
  if (!options.quiet) process.stdout.write(`fetched ${cid}\n  -> ${path} (${formatBytes(manifest.size)}, verified)\n`)
}

/** `netswarm cat <cid|link>`: writes the file to stdout; exits 5 if verification fails at the end. */
export async function catCommand(api: ApiClient, cid: string): Promise<void> {
  const manifest = await verifiedManifest(api, cid)
  refuseWithoutKey(manifest, cid)
  if (isDirectoryManifest(manifest)) {
    throw new CliError(`${cid} is a folder: restore it with \`netswarm fetch ${cid} -o <dir>\``, EXIT.USAGE)
  }
  const progress = createProgress('cat', manifest.size, { quiet: true })
  await download(
    api,
    cid,
    manifest,
    async (block) => {
      if (!process.stdout.write(block)) await once(process.stdout, 'drain')
    },
    progress,
  )
}
