import { InvalidArgumentError } from '@netswarm/runtime'
import type { Contact } from './kademlia/contact.ts'
import { type Key, keyEquals, keyToHex } from './kademlia/key.ts'
import { checkRecord, newerRecord, recordKey, type SignedRecord } from './kademlia/records.ts'
import type { DhtNode } from './node.ts'
import type { PeerRecord } from './rpc/messages.ts'

/** A provider found by {@link ContentRouting.findProviders}. */
export interface ProviderFound {
  peer: PeerRecord
  /** 0 when it came from our own store. */
  hops: number
}

/** Thrown when a record fails its checks (code INVALID_ARGUMENT). */
export class InvalidRecordError extends InvalidArgumentError {}

/**
 * Provider records and signed mutable records on top of a {@link DhtNode}: announce, find
 * (streamed), put and get, plus republishing what we provide.
 */
export class ContentRouting {
  /** Keys we provide, with the time we last announced each. */
  private readonly provided = new Map<string, { key: Key; announcedAt: number }>()

  constructor(private readonly node: DhtNode) {}

  /** Number of keys we provide. */
  get providedCount(): number {
    return this.provided.size
  }

  /** Announces that we hold `key` on the k closest peers (and locally); returns how many stored it. */
  async provide(key: Key, signal?: AbortSignal): Promise<number> {
    const now = this.node.clock.now()
    this.provided.set(keyToHex(key), { key, announcedAt: now })
    this.node.providers.add(key, { id: this.node.id, addresses: this.node.addresses }, now)
    const { closest } = await this.node.lookup(key, signal)
    const acks = await Promise.allSettled(closest.map((c) => this.node.query(c, { type: 'ADD_PROVIDER', key }, signal)))
    return acks.filter((a) => a.status === 'fulfilled' && a.value.type === 'OK' && a.value.stored).length
  }

  /** Stops republishing `key`. */
  unprovide(key: Key): void {
    this.provided.delete(keyToHex(key))
  }

  /** Re-announces every provided key last announced before `now - republishIntervalMs`. */
  async republish(signal?: AbortSignal): Promise<number> {
    const due = this.node.clock.now() - this.node.republishIntervalMs
    let count = 0
    for (const { key, announcedAt } of [...this.provided.values()]) {
      if (announcedAt > due || signal?.aborted) continue
      await this.provide(key, signal).catch(() => 0)
      count++
    }
    return count
  }

  /**
   * Peers that provide `key`, yielded as they are found: our own store first, then each answer
   * of an iterative GET_PROVIDERS lookup. Stops after `limit` distinct providers.
   */
  async *findProviders(
    key: Key,
    options: { limit?: number; signal?: AbortSignal } = {},
  ): AsyncGenerator<ProviderFound> {
    const limit = options.limit && options.limit > 0 ? options.limit : 20
    const seen = new Set<string>()
    const queue: ProviderFound[] = []
    let wake: (() => void) | undefined
    let finished = false
    let failure: unknown
    const push = (peer: PeerRecord, hops: number) => {
      const hex = keyToHex(peer.id)
      if (seen.has(hex) || seen.size >= limit) return
      seen.add(hex)
      queue.push({ peer: { id: peer.id, addresses: peer.addresses }, hops })
      wake?.()
    }
    for (const p of this.node.providers.get(key, this.node.clock.now())) push(p, 0)
    const stop = new AbortController()
    const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal
    if (seen.size < limit) {
      this.node
        .iterate(
          key,
          { type: 'GET_PROVIDERS', key },
          {
            signal,
            onResponse: (from, response, hop) => {
              if (response.type !== 'PROVIDERS') return
              for (const p of response.providers) {
                // A peer listening on 0.0.0.0 lists itself with that host: use the one we reached.
                push(
                  keyEquals(p.id, from.id)
                    ? { id: p.id, addresses: fillUnspecified(p.addresses, from.addresses[0]) }
                    : p,
                  hop,
                )
              }
              if (seen.size >= limit) stop.abort()
            },
          },
        )
        .catch((err) => {
          if (!stop.signal.aborted) failure = err
        })
        .finally(() => {
          finished = true
          wake?.()
        })
    } else {
      finished = true
    }
    try {
      for (;;) {
        while (queue.length > 0) yield queue.shift() as ProviderFound
        if (finished) break
        await new Promise<void>((resolve) => {
          wake = resolve
        })
        wake = undefined
      }
      if (failure && !options.signal?.aborted) throw failure
    } finally {
      stop.abort()
    }
  }

  /** Validates `record` and stores it on the k closest peers to its key; returns how many took it. */
  async putRecord(record: SignedRecord, signal?: AbortSignal): Promise<number> {
    const problem = checkRecord(record)
    if (problem) throw new InvalidRecordError(`record refused: ${problem}`)
    this.node.records.put(record)
    const key = recordKey(record.publicKey)
    const { closest } = await this.node.lookup(key, signal)
    const acks = await Promise.allSettled(
      closest.map((c) => this.node.query(c, { type: 'PUT_RECORD', record }, signal)),
    )
    return acks.filter((a) => a.status === 'fulfilled' && a.value.type === 'OK' && a.value.stored).length
  }

  /**
   * The newest valid record under `publicKey` held by the k closest peers (or by us). Peers that
   * answered with an older one are sent the newest (read repair).
   */
  async getRecord(publicKey: Uint8Array, signal?: AbortSignal): Promise<SignedRecord | undefined> {
    const key = recordKey(publicKey)
    let best = this.node.records.get(key)
    const holders: { contact: Contact; sequence: number | undefined }[] = []
    await this.node.iterate(
      key,
      { type: 'GET_RECORD', key },
      {
        signal,
        onResponse: (from, response) => {
          if (response.type !== 'RECORD') return
          const r = response.record
          // Never trust a peer's record: it must match the key asked for and carry a valid signature.
          if (r && keyEquals(r.publicKey, publicKey) && checkRecord(r) === undefined) {
            best = newerRecord(best, r)
            holders.push({ contact: from, sequence: r.sequence })
          } else {
            holders.push({ contact: from, sequence: undefined })
          }
        },
      },
    )
    if (best) {
      this.node.records.put(best)
      const newest = best
      const stale = holders.filter((h) => h.sequence !== undefined && h.sequence < newest.sequence)
      await Promise.allSettled(
        stale.map((h) => this.node.query(h.contact, { type: 'PUT_RECORD', record: newest }, signal)),
      )
    }
    return best
  }
}

/** Replaces an unspecified host (0.0.0.0, ::) in `addresses` by the host of `reached`. */
function fillUnspecified(addresses: string[], reached: string | undefined): string[] {
  if (!reached) return addresses
  const host = reached.slice(0, reached.lastIndexOf(':'))
  // A service address keeps its `name=` tag (config serviceAddresses).
  return addresses.map((a) => a.replace(/^([a-z][a-z0-9-]*=)?(0\.0\.0\.0|\[::\]):/, `$1${host}:`))
}
