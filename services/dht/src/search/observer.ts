import type { EntryProblem } from './entry.ts'
import type { EntryPutOutcome } from './entry-store.ts'

/** Why an entry a peer offered was not stored. */
export type EntryRefusal =
  | EntryProblem
  | 'not-publisher'
  | 'no-address'
  | Exclude<EntryPutOutcome, 'stored' | 'refreshed'>

/** How one of our queries ended. */
export type QueryOutcome = 'results' | 'empty' | 'cancelled' | 'invalid'

/** One finished query, as {@link SearchObserver.query} hears of it. */
export interface QueryReport {
  outcome: QueryOutcome
  /** Distinct files yielded. */
  results: number
  /** Undefined when nothing was yielded. */
  firstResultMs: number | undefined
  durationMs: number
}

/**
 * What search tells its observer (the service's metrics) as things happen; the search code itself
 * stays free of prom-client.
 */
export interface SearchObserver {
  /** An incoming search request was answered. */
  request(type: 'STORE_ENTRY' | 'REMOVE_ENTRY' | 'FIND_ENTRIES' | 'SEARCH_LOCAL'): void
  refused(reason: EntryRefusal): void
  /** An entry stored for others was dropped to make room for another. */
  evicted(): void
  query(report: QueryReport): void
}
