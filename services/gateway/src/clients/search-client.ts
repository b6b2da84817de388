import { createDhtClient, type DhtClient } from '@netswarm/dht'
import type { SearchBackend } from '../backend.ts'

/** The DHT service's search RPCs, through its typed client, as the gateway's SearchBackend. */
export function createSearchBackend(address: string): SearchBackend & { client: DhtClient } {
  const client = createDhtClient(address)
  return {
    client,
    publish: (metadata, options) => client.publishSearchEntry(metadata, options),
    unpublish: (cid, options) => client.unpublishSearchEntry(cid, options),
    search: (query, options) => client.search(query, options),
  }
}
