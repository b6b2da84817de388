import {
  CID,
  checkVersionMessage,
  decodeVersionLog,
  encodeVersionLog,
  encodeVersionRecord,
  parseManifestCid,
  sharedCount,
  VERSION_LOG_MEDIA_TYPE,
  type VersionEntry,
} from '@netswarm/content'
import { formatNameKey, type NameKey, type NameKeystore, nameLink, parseNameKey } from '@netswarm/identity'
import { NotFoundError } from '@netswarm/runtime'
import type { NameRecords } from './dht-records.ts'
import { FailedPreconditionError } from './errors.ts'
import type { NameContent } from './name-content.ts'
import { type AcceptedRecord, newestAccepted } from './record-rules.ts'
import { type RetentionPolicy, selectKept } from './retention.ts'
import { signRecordWith } from './signing.ts'

/** A name this peer owns. */
export interface NameView {
  label: string
  key: string
  link: string
  /** Gateway path that always serves the newest version. */
  path: string
  createdAtMs: number
}

/** One version of a name. */
export interface VersionView {
  sequence: number
  cid: string
  previous: string | null
  timeMs: number
  message: string
  /** Distinct chunks of the version and how many the version before also has (when known). */
  chunks: number | null
  sharedChunks: number | null
}

export interface ResolvedName {
  key: string
  link: string
  latest: VersionView
  /** CID of the version log listing every version (null if the publisher wrote none). */
  log: string | null
}

export interface NameServiceInit {
  keystore: NameKeystore | undefined
  records: NameRecords
  content: NameContent
  lookupTimeoutMs: number
  now?: () => number
}

function viewOf(entry: Omit<VersionEntry, 'chunks' | 'sharedChunks'> & Partial<VersionEntry>): VersionView {
  return {
    sequence: entry.sequence,
    cid: entry.cid.toString(),
    previous: entry.previous?.toString() ?? null,
    timeMs: entry.timeMs,
    message: entry.message,
    chunks: entry.chunks ?? null,
    sharedChunks: entry.sharedChunks ?? null,
  }
}

/**
 * Named versions (docs/versions.md): names are key pairs in the peer's keystore; publishing signs
 * a version record into the DHT and writes a version log file listing every version; resolving
 * believes only valid records, newest sequence first.
 */
export class NameService {
  private readonly newest = new Map<string, AcceptedRecord>()
  private readonly publishing = new Map<string, Promise<unknown>>()
  private readonly now: () => number

  constructor(private readonly init: NameServiceInit) {
    this.now = init.now ?? Date.now
  }

  private keystore(): NameKeystore {
    if (!this.init.keystore) {
      throw new FailedPreconditionError(
        'this gateway has no data directory for name keys (set NETSWARM_GATEWAY_DATA_DIR or use netswarm node)',
      )
    }
    return this.init.keystore
  }

  private view(name: NameKey): NameView {
    return { label: name.label, key: name.key, link: name.link, path: `/n/${name.key}`, createdAtMs: name.createdAtMs }
  }

  async listNames(): Promise<NameView[]> {
    if (!this.init.keystore) return []
    return (await this.init.keystore.list()).map((n) => this.view(n))
  }

  async createName(label: string): Promise<NameView> {
    return this.view(await this.keystore().create(label))
  }

  async removeName(label: string): Promise<void> {
    await this.keystore().remove(label)
  }

  /** A local name by label, or by key when this peer owns it. */
  async ownName(labelOrKey: string): Promise<NameKey> {
    const store = this.keystore()
    if (/^b[a-z2-7]{52}$/.test(labelOrKey) || labelOrKey.includes('://')) {
      const found = await store.findByKey(parseNameKey(labelOrKey))
      if (!found)
        throw new NotFoundError(`this peer does not hold the key of ${labelOrKey}; only its owner can publish`)
      return found
    }
    return store.get(labelOrKey)
  }

  /** The newest valid record of a name (DHT lookup, checked against what this gateway saw before). */
  private async newestRecord(publicKey: Uint8Array, signal?: AbortSignal): Promise<AcceptedRecord | undefined> {
    const hex = Buffer.from(publicKey).toString('hex')
    const candidate = await this.init.records.get(publicKey, signal)
    const chosen = newestAccepted(publicKey, this.newest.get(hex), candidate)
    if (chosen) this.newest.set(hex, chosen)
    return chosen
  }

  /** Resolves a name (key, netswarm://name/<key> link or /n/<key> URL) to its newest version. */
  async resolve(nameText: string, signal?: AbortSignal): Promise<ResolvedName> {
    const publicKey = parseNameKey(nameText)
    const found = await this.newestRecord(publicKey, signal)
    if (!found) throw new NotFoundError(`nobody has published under the name ${formatNameKey(publicKey)}`)
    return {
      key: formatNameKey(publicKey),
      link: nameLink(publicKey),
      latest: viewOf(found.value),
      log: found.value.log?.toString() ?? null,
    }
  }

  private async readEntries(log: string | null, signal?: AbortSignal): Promise<VersionEntry[]> {
    if (log === null) return []
    const bytes = await this.init.content.readLog(log, { signal, timeoutMs: this.init.lookupTimeoutMs })
    return decodeVersionLog(bytes)
  }

  /** Every version of a name, newest first. */
  async history(
    nameText: string,
    signal?: AbortSignal,
  ): Promise<{ key: string; link: string; versions: VersionView[]; complete: boolean }> {
    const resolved = await this.resolve(nameText, signal)
    let entries: VersionEntry[] = []
    let complete = true
    try {
      entries = await this.readEntries(resolved.log, signal)
    } catch (err) {
      // The log's holders are unreachable: the newest version (from the record) is still known.
      if ((err as { code?: string }).code !== 'NOT_FOUND') throw err
      complete = false
    }
    const versions = entries.map(viewOf).reverse()
    if (versions.length === 0 || versions[0].sequence !== resolved.latest.sequence) versions.unshift(resolved.latest)
    return { key: resolved.key, link: resolved.link, versions, complete }
  }

  /** One version by sequence number; NOT_FOUND when the history has none such. */
  async version(nameText: string, sequence: number, signal?: AbortSignal): Promise<VersionView> {
    const { versions } = await this.history(nameText, signal)
    const found = versions.find((v) => v.sequence === sequence)
    if (!found) throw new NotFoundError(`${nameText} has no version ${sequence} (netswarm history)`)
    return found
  }

  /**
   * Publishes `cid` (held by this peer) as the next version of a name this peer owns: pins it,
   * writes the version log, then the signed record. Publishes of one name run one at a time.
   */
  async publish(
    labelOrKey: string,
    input: { cid: string; message?: string },
  ): Promise<VersionView & { key: string; link: string }> {
    const name = await this.ownName(labelOrKey)
    const previousRun = this.publishing.get(name.key) ?? Promise.resolve()
    const run = previousRun.catch(() => {}).then(() => this.publishNow(name, input))
    this.publishing.set(name.key, run)
    try {
      return await run
    } finally {
      if (this.publishing.get(name.key) === run) this.publishing.delete(name.key)
    }
  }

  /**
   * Applies a retention policy to a name this peer owns: unpins every manifest used only by
   * versions the policy drops. The history still lists them (the log is append-only); their
   * content stays fetchable wherever another peer keeps it.
   */
  async prune(labelOrKey: string, policy: RetentionPolicy): Promise<PruneResult> {
    const name = await this.ownName(labelOrKey)
    const { versions, complete } = await this.history(name.key)
    if (!complete)
      throw new FailedPreconditionError(`the version log of ${name.label} cannot be read; nothing was pruned`)
    const keptSet = selectKept(versions, policy, this.now())
    const kept = versions.filter((v) => keptSet.has(v.sequence))
    const dropped = versions.filter((v) => !keptSet.has(v.sequence))
    const keep = new Set<string>()
    for (const v of kept) {
      const tree = await this.init.content.tree(v.cid)
      if (tree === undefined) continue
      for (const m of tree.manifests) keep.add(m)
    }
    const release = new Set<string>()
    for (const v of dropped) {
      const tree = await this.init.content.tree(v.cid)
      if (tree === undefined) continue
      for (const m of tree.manifests) if (!keep.has(m)) release.add(m)
    }
    const unpinned = await this.init.content.release(release)
    return { kept: kept.map((v) => v.sequence), dropped: dropped.map((v) => v.sequence), unpinned }
  }

  private async publishNow(name: NameKey, input: { cid: string; message?: string }) {
    const cid = parseManifestCid(input.cid.trim())
    const message = checkVersionMessage(input.message ?? '')
    const tree = await this.init.content.tree(cid.toString())
    if (tree === undefined) {
      throw new FailedPreconditionError(`this peer does not hold all of ${cid}; add or fetch it before publishing it`)
    }
    const held = await this.newestRecord(name.publicKey)
    const entries = held ? await this.readEntries(held.value.log?.toString() ?? null) : []
    const previous = held?.value.cid ?? null
    const previousTree = previous ? await this.init.content.tree(previous.toString()) : undefined
    const sequence = (held?.record.sequence ?? 0) + 1
    const entry: VersionEntry = {
      sequence,
      cid,
      previous,
      timeMs: this.now(),
      message,
      chunks: tree.chunks.size,
      sharedChunks: previousTree ? sharedCount(tree.chunks, previousTree.chunks) : 0,
    }
    await this.init.content.keep(tree)
    const log = await this.init.content.publishLog(
      encodeVersionLog([...entries, entry]),
      `${name.label}.versions`,
      VERSION_LOG_MEDIA_TYPE,
    )
    const value = encodeVersionRecord({ ...entry, log: CID.parse(log) })
    const record = signRecordWith(name, sequence, value)
    await this.init.records.put(record)
    this.newest.set(Buffer.from(name.publicKey).toString('hex'), { record, value: { ...entry, log: CID.parse(log) } })
    return { ...viewOf(entry), key: name.key, link: name.link }
  }
}

/** What a prune did. */
export interface PruneResult {
  kept: number[]
  dropped: number[]
  /** Manifests unpinned (used by dropped versions only). */
  unpinned: number
}
