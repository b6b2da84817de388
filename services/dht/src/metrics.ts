import { Counter, Gauge, Histogram, type Registry } from '@netswarm/runtime'
import type { LookupResult } from './kademlia/lookup.ts'
import type { DhtNode } from './node.ts'

/** Prometheus metrics of the DHT (`netswarm_dht_*`). */
export interface DhtMetrics {
  onLookup(result: LookupResult, durationMs: number): void
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
  }
}
