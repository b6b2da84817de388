import { decodeManifest, type Manifest, manifestCid } from '@netswarm/content'
import type { Logger } from '@netswarm/runtime'
import type { CID } from 'multiformats/cid'
import { NoProvidersError } from '../errors.ts'
import type { PeerPool } from '../network.ts'
import type { ContentRouter, LocalStore, ProviderInfo } from '../ports.ts'
import { decodeMessage, encodeMessage } from '../protocol/messages.ts'

/** Most bytes of an encoded manifest (content's MAX_MANIFEST_BYTES). */
const MAX_MANIFEST_BYTES = 16 * 1024 * 1024

/** A verified manifest and the peers that served it (good first sources for its chunks). */
export interface ResolvedManifest {
  manifest: Manifest
  bytes: Uint8Array
  /** True when it was already in the local store. */
  local: boolean
  sources: ProviderInfo[]
}

/**
 * Finds a file's manifest: locally, or from providers (DHT + given peers), fetched page by page and
 * verified against the CID before it is decoded. Tries providers one after another.
 */
export async function resolveManifest(
  components: { store: LocalStore; router: ContentRouter; pool: PeerPool; log: Logger },
  cid: CID,
  options: { peers?: ProviderInfo[]; signal?: AbortSignal } = {},
): Promise<ResolvedManifest> {
  const local = await components.store.getManifest(cid)
  if (local) return { manifest: decodeManifest(local), bytes: local, local: true, sources: [] }
  const tried = new Set<string>()
  const candidates = async function* () {
    yield* options.peers ?? []
    yield* components.router.findProviders(cid, { signal: options.signal, limit: 20 })
  }
  let lastError: unknown
  for await (const provider of candidates()) {
    options.signal?.throwIfAborted()
    const key = provider.peerId || provider.addresses.join(',')
    if (tried.has(key) || provider.peerId === components.pool.peerId) continue
    tried.add(key)
    try {
      const bytes = await fetchManifest(components.pool, provider, cid, options.signal)
      return { manifest: decodeManifest(bytes), bytes, local: false, sources: [provider] }
    } catch (err) {
      lastError = err
      components.log.debug({ err, peer: provider.peerId, cid: String(cid) }, 'manifest fetch failed')
    }
  }
  throw new NoProvidersError(
    `no provider served the manifest of ${cid}${lastError ? ` (last error: ${(lastError as Error).message})` : ''}; check the CID or try again later`,
  )
}

async function fetchManifest(
  pool: PeerPool,
  provider: ProviderInfo,
  cid: CID,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  const session = await pool.connect(provider, { signal })
  let buffer: Uint8Array | undefined
  let offset = 0
  for (;;) {
    const reply = decodeMessage(
      await session.request(encodeMessage({ type: 'MANIFEST_REQUEST', cid, offset }), { signal }),
    )
    if (reply.type === 'ERROR') throw new Error(`peer answered ${reply.code}: ${reply.message}`)
    if (reply.type !== 'MANIFEST_RESPONSE' || !reply.cid.equals(cid) || reply.offset !== offset) {
      throw new Error(`unexpected ${reply.type} to a manifest request`)
    }
    if (reply.totalBytes > MAX_MANIFEST_BYTES) throw new Error(`manifest of ${reply.totalBytes} bytes is too large`)
    buffer ??= new Uint8Array(reply.totalBytes)
    if (buffer.length !== reply.totalBytes) throw new Error('manifest size changed between pages')
    buffer.set(reply.bytes, offset)
    offset += reply.bytes.length
    if (offset >= reply.totalBytes) break
    if (reply.bytes.length === 0) throw new Error('empty manifest page before the end')
  }
  const bytes = buffer ?? new Uint8Array(0)
  // Never trust a peer's manifest: it must hash to the CID we asked for.
  if (!manifestCid(bytes).equals(cid)) throw new Error(`manifest bytes from ${provider.peerId} do not match ${cid}`)
  return bytes
}
