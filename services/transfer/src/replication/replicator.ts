import { PeerId } from '@netswarm/identity'
import type { Clock, Logger, Timer } from '@netswarm/runtime'
import { WireError, type WireSession } from '@netswarm/wire'
import type { CID } from 'multiformats/cid'
import type { TransferEngine } from '../engine.ts'
import type { PeerPool } from '../network.ts'
import type { ContentRouter, LocalStore, ProviderInfo } from '../ports.ts'
import { decodeMessage, encodeMessage } from '../protocol/messages.ts'

/**
 * Replication and repair (docs/transfer.md#replication). A file should have `replicationFactor`
 * live providers. After publishing, and periodically on every holder, the live providers are
 * counted (DHT provider records, each confirmed by dialing the peer: records of dead peers outlive
 * them); when too few remain, the peers closest to the file's CID are asked to replicate it, and
 * they pull it like any fetch and pin it. To keep every holder from repairing the same file at
 * once, only the live holder closest to the CID (XOR distance) acts in a given round.
 */

export interface ReplicatorInit {
  replicationFactor: number
  /** 0 disables the repair loop. */
  repairIntervalMs: number
  /** Time to confirm a provider is alive by dialing it. @default 2000 */
  probeTimeoutMs?: number
  /** Time a replica gets to pull the whole file. @default 30 min */
  replicateTimeoutMs?: number
}

export interface ReplicatorComponents {
  engine: TransferEngine
  pool: PeerPool
  store: LocalStore
  router: ContentRouter
  clock: Clock
  log: Logger
}

export interface ReplicationRound {
  /** Live holders before the round (this peer included when it holds the file). */
  holders: string[]
  /** Peers that confirmed they now hold the file. */
  requested: string[]
}

export class Replicator {
  readonly #c: ReplicatorComponents
  readonly #init: ReplicatorInit
  #timer: Timer | undefined
  #running = false
  readonly #inProgress = new Map<string, Promise<ReplicationRound>>()
  /** Observers of finished repair rounds (tests, metrics). */
  readonly #listeners = new Set<(cid: CID, round: ReplicationRound) => void>()

  constructor(components: ReplicatorComponents, init: ReplicatorInit) {
    this.#c = components
    this.#init = init
  }

  get replicationFactor(): number {
    return this.#init.replicationFactor
  }

  start(): void {
    if (this.#init.repairIntervalMs > 0) this.#schedule()
  }

  stop(): void {
    if (this.#timer) this.#c.clock.clearTimeout(this.#timer)
    this.#timer = undefined
  }

  onRound(fn: (cid: CID, round: ReplicationRound) => void): () => void {
    this.#listeners.add(fn)
    return () => this.#listeners.delete(fn)
  }

  /** Live providers of `cid`, confirmed by dialing; this peer included when it has a copy. */
  async liveHolders(cid: CID, options: { signal?: AbortSignal } = {}): Promise<ProviderInfo[]> {
    const self = this.#c.pool.peerId
    const seen = new Map<string, ProviderInfo>()
    const probes: Promise<void>[] = []
    for await (const p of this.#c.router.findProviders(cid, { signal: options.signal, limit: 20 })) {
      if (seen.has(p.peerId)) continue
      seen.set(p.peerId, p)
      if (p.peerId === self) continue
      probes.push(
        this.#holds(p, cid).then((ok) => {
          if (!ok) seen.delete(p.peerId)
        }),
      )
    }
    await Promise.all(probes)
    const local = await this.#c.store.getManifest(cid)
    if (local && !seen.has(self)) seen.set(self, { peerId: self, addresses: [this.#c.pool.address] })
    if (!local) seen.delete(self)
    return [...seen.values()]
  }

  /** Whether a provider is reachable and has every chunk of the file (asks for its bitfield). */
  async #holds(p: ProviderInfo, cid: CID): Promise<boolean> {
    for (let attempt = 0; attempt < 2; attempt++) {
      let session: WireSession | undefined
      try {
        session = await this.#c.pool.connect(p, { signal: AbortSignal.timeout(this.#init.probeTimeoutMs ?? 2000) })
        const reply = decodeMessage(
          await session.request(encodeMessage({ type: 'HAVE_REQUEST', manifest: cid }), {
            timeoutMs: this.#init.probeTimeoutMs ?? 2000,
          }),
        )
        return reply.type === 'BITFIELD' && (reply.has === 'all' || reply.has.complete)
      } catch (err) {
        // A session that was closing when we picked it: forget it and dial once more.
        if (session && err instanceof WireError && err.wireCode === 'CONNECTION_CLOSED') {
          this.#c.pool.evict(p.peerId, session)
          continue
        }
        return false
      }
    }
    return false
  }

  /** Brings `cid` to `factor` live providers; one round at a time per file. */
  ensureReplicas(cid: CID, factor = this.#init.replicationFactor): Promise<ReplicationRound> {
    const key = cid.toString()
    const running = this.#inProgress.get(key)
    if (running) return running
    const round = this.#ensure(cid, factor).finally(() => this.#inProgress.delete(key))
    this.#inProgress.set(key, round)
    return round
  }

  async #ensure(cid: CID, factor: number): Promise<ReplicationRound> {
    const holders = await this.liveHolders(cid)
    const holderIds = new Set(holders.map((h) => h.peerId))
    let need = factor - holderIds.size
    const requested: string[] = []
    if (need > 0) {
      const candidates = (await this.#c.router.closestPeers(cid, factor * 3)).filter(
        (p) => !holderIds.has(p.peerId) && p.peerId !== this.#c.pool.peerId,
      )
      // Ask `need` at a time, falling back to the next closest when one refuses or fails.
      while (need > 0 && candidates.length > 0) {
        const wave = candidates.splice(0, need)
        const results = await Promise.all(wave.map((p) => this.#askToReplicate(p, cid)))
        for (let i = 0; i < wave.length; i++) {
          if (!results[i]) continue
          requested.push(wave[i].peerId)
          need--
        }
      }
    }
    const round = { holders: [...holderIds], requested }
    this.#c.log.info({ cid: cid.toString(), ...round, factor }, 'replication round')
    for (const fn of this.#listeners) fn(cid, round)
    return round
  }

  async #askToReplicate(peer: ProviderInfo, cid: CID): Promise<boolean> {
    try {
      const session = await this.#c.pool.connect(peer)
      const reply = decodeMessage(
        await session.request(encodeMessage({ type: 'REPLICATE_REQUEST', manifest: cid }), {
          timeoutMs: this.#init.replicateTimeoutMs ?? 30 * 60_000,
        }),
      )
      return reply.type === 'REPLICATE_RESPONSE' && reply.accepted
    } catch (err) {
      this.#c.log.debug({ err, peer: peer.peerId, cid: cid.toString() }, 'replica request failed')
      return false
    }
  }

  /** One repair pass over the files pinned here. */
  async repairOnce(): Promise<void> {
    for (const cid of await this.#c.store.listPinned()) {
      try {
        const holders = await this.liveHolders(cid)
        if (holders.length >= this.#init.replicationFactor) continue
        if (
          leader(
            holders.map((h) => h.peerId),
            cid,
          ) !== this.#c.pool.peerId
        )
          continue
        await this.ensureReplicas(cid)
      } catch (err) {
        this.#c.log.warn({ err, cid: cid.toString() }, 'repair check failed')
      }
    }
  }

  #schedule(): void {
    this.#timer = this.#c.clock.setTimeout(() => {
      if (this.#running) return this.#schedule()
      this.#running = true
      this.repairOnce()
        .catch((err) => this.#c.log.warn({ err }, 'repair pass failed'))
        .finally(() => {
          this.#running = false
          if (this.#timer) this.#schedule()
        })
    }, this.#init.repairIntervalMs)
    this.#timer.unref?.()
  }
}

/** The holder closest to the CID's digest by XOR distance (docs/transfer.md#repair). */
export function leader(peerIds: string[], cid: CID): string | undefined {
  const key = cid.multihash.digest
  let best: string | undefined
  let bestDistance: Uint8Array | undefined
  for (const id of peerIds) {
    let bytes: Uint8Array
    try {
      bytes = PeerId.parse(id).bytes
    } catch {
      continue
    }
    const distance = bytes.map((b, i) => b ^ (key[i] ?? 0))
    if (!bestDistance || compare(distance, bestDistance) < 0) {
      best = id
      bestDistance = distance
    }
  }
  return best
}

function compare(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i]
  return 0
}
