import { type Key, keyToHex } from './key.ts'

/** A peer that announced it holds a key's content. */
export interface ProviderEntry {
  id: Key
  addresses: string[]
  /** Clock time (ms) after which the record is dropped unless republished. */
  expiresAt: number
}

/** Options of {@link ProviderStore}. */
export interface ProviderStoreInit {
  /** Record lifetime. @default 48 h */
  ttlMs?: number
  /** Most providers kept per key (the first to expire make room). @default 64 */
  maxPerKey?: number
  /** Most provider records in total. @default 100000 */
  maxTotal?: number
}

/** Provider records received from peers: bounded per key and in total, expiring after `ttlMs`. */
export class ProviderStore {
  private readonly byKey = new Map<string, Map<string, ProviderEntry>>()
  private total = 0
  readonly ttlMs: number
  private readonly maxPerKey: number
  private readonly maxTotal: number

  constructor(init: ProviderStoreInit = {}) {
    this.ttlMs = init.ttlMs ?? 48 * 3600_000
    this.maxPerKey = init.maxPerKey ?? 64
    this.maxTotal = init.maxTotal ?? 100_000
  }

  /** Number of stored records. */
  get size(): number {
    return this.total
  }

  /** Adds or refreshes a provider; false when the store is full. */
  add(key: Key, provider: { id: Key; addresses: string[] }, now: number): boolean {
    const hex = keyToHex(key)
    let entries = this.byKey.get(hex)
    const pid = keyToHex(provider.id)
    const entry: ProviderEntry = { id: provider.id, addresses: provider.addresses, expiresAt: now + this.ttlMs }
    if (entries?.has(pid)) {
      entries.delete(pid)
      entries.set(pid, entry)
      return true
    }
    if (this.total >= this.maxTotal) {
      this.expire(now)
      if (this.total >= this.maxTotal) return false
    }
    if (!entries) {
      entries = new Map()
      this.byKey.set(hex, entries)
    }
    if (entries.size >= this.maxPerKey) {
      // Insertion order = refresh order: the first entry is the one closest to expiry.
      const first = entries.keys().next().value
      if (first !== undefined) entries.delete(first)
      this.total--
    }
    entries.set(pid, entry)
    this.total++
    return true
  }

  /** Live providers of `key`. */
  get(key: Key, now: number): ProviderEntry[] {
    const entries = this.byKey.get(keyToHex(key))
    if (!entries) return []
    return [...entries.values()].filter((e) => e.expiresAt > now)
  }

  /** Drops expired records. */
  expire(now: number): void {
    for (const [hex, entries] of this.byKey) {
      for (const [pid, e] of entries) {
        if (e.expiresAt <= now) {
          entries.delete(pid)
          this.total--
        }
      }
      if (entries.size === 0) this.byKey.delete(hex)
    }
  }
}
