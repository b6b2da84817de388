import { Counter, Gauge, Histogram, type Registry } from '@netswarm/runtime'
import type { LookupResult } from './kademlia/lookup.ts'
import type { DhtNode } from './node.ts'
import type { SearchObserver } from './search/observer.ts'

/** Prometheus metrics of the DHT (`netswarm_dht_*`). */
export interface DhtMetrics {
  onLookup(result: LookupResult, durationMs: number): void
  /** Search requests, entries and queries (`netswarm_dht_search_*`). */
  search: SearchObserver
}

/** Registers the DHT metrics; gauges and counters read the node's state when scraped. */
export function createDhtMetrics(registry: Registry, node: () => DhtNode | undefined): DhtMetrics {
  new Gauge({
    name: 'netswarm_dht_routing_table_size',
    help: 'Contacts in the routing table',
    registers: [registry],
    collect() {
      this.set(node()?.table.size ?? 0)
    },
  })
  new Gauge({
    name: 'netswarm_dht_provider_records',
    help: 'Provider records stored for others',
    registers: [registry],
    collect() {
      this.set(node()?.providers.size ?? 0)
    },
  })
  new Gauge({
    name: 'netswarm_dht_mutable_records',
    help: 'Signed mutable records stored',
    registers: [registry],
    collect() {
      this.set(node()?.records.size ?? 0)
    },
  })
  const stat = (name: string, help: string, read: (n: DhtNode) => number) =>
    new Counter({
      name,
      help,
      registers: [registry],
      collect() {
        const n = node()
        if (n) {
          this.reset()
          this.inc(read(n))
        }
      },
    })
  stat('netswarm_dht_messages_sent_total', 'DHT requests sent to peers', (n) => n.stats.messagesSent)
  stat('netswarm_dht_messages_received_total', 'DHT requests received from peers', (n) => n.stats.messagesReceived)
  stat('netswarm_dht_malformed_messages_total', 'Undecodable DHT messages received', (n) => n.stats.malformedMessages)
  stat('netswarm_dht_rate_limited_total', 'Requests refused by the per-peer rate limit', (n) => n.stats.rateLimited)
  const lookups = new Counter({
    name: 'netswarm_dht_lookups_total',
    help: 'Iterative lookups run',
    labelNames: ['outcome'],
    registers: [registry],
  })
  const hops = new Histogram({
    name: 'netswarm_dht_lookup_hops',
    help: 'Query depth at which the closest peer answered',
    buckets: [1, 2, 3, 4, 5, 6, 8, 10],
    registers: [registry],
  })
  const duration = new Histogram({
    name: 'netswarm_dht_lookup_duration_seconds',
    help: 'Lookup latency',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  })
  return {
    onLookup(result, durationMs) {
      lookups.inc({ outcome: result.closest.length > 0 ? 'ok' : 'empty' })
      hops.observe(result.hops)
      duration.observe(durationMs / 1000)
    },
    search: createSearchMetrics(registry, node),
  }
}

function createSearchMetrics(registry: Registry, node: () => DhtNode | undefined): SearchObserver {
  new Gauge({
    name: 'netswarm_dht_search_entries',
    help: 'Search entries held under keyword keys (for others, and our own)',
    registers: [registry],
    collect() {
      this.set(node()?.searchEntries.size ?? 0)
    },
  })
  const requests = new Counter({
    name: 'netswarm_dht_search_requests_total',
    help: 'Search requests from peers answered, by type',
    labelNames: ['type'],
    registers: [registry],
  })
  const refused = new Counter({
    name: 'netswarm_dht_search_entries_refused_total',
    help: 'Search entries offered by peers and not stored, by reason',
    labelNames: ['reason'],
    registers: [registry],
  })
  const evicted = new Counter({
    name: 'netswarm_dht_search_entries_evicted_total',
    help: 'Search entries dropped to make room for another (full keyword list)',
    registers: [registry],
  })
  const queries = new Counter({
    name: 'netswarm_dht_search_queries_total',
    help: 'Searches run by this peer, by outcome',
    labelNames: ['outcome'],
    registers: [registry],
  })
  const duration = new Histogram({
    name: 'netswarm_dht_search_duration_seconds',
    help: 'Search latency: to the first result, and to the end of the query',
    labelNames: ['phase'],
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  })
  const results = new Histogram({
    name: 'netswarm_dht_search_results',
    help: 'Files found per search',
    buckets: [0, 1, 2, 5, 10, 20, 50, 100, 200],
    registers: [registry],
  })
  return {
    request: (type) => requests.inc({ type: type.toLowerCase() }),
    refused: (reason) => refused.inc({ reason }),
    evicted: () => evicted.inc(),
    query(report) {
      queries.inc({ outcome: report.outcome })
      if (report.firstResultMs !== undefined) duration.observe({ phase: 'first_result' }, report.firstResultMs / 1000)
      // Cancelled and invalid queries say nothing about how long a search takes or what it finds.
      if (report.outcome === 'results' || report.outcome === 'empty') {
        duration.observe({ phase: 'complete' }, report.durationMs / 1000)
        results.observe(report.results)
      }
    },
  }
}
