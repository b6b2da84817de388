// Original file: proto/netswarm/dht/v1/dht.proto

import type { SearchMetadata as _netswarm_dht_v1_SearchMetadata, SearchMetadata__Output as _netswarm_dht_v1_SearchMetadata__Output } from '../../../netswarm/dht/v1/SearchMetadata.js';

export interface PublishSearchEntryRequest {
  'metadata'?: (_netswarm_dht_v1_SearchMetadata | null);
}

export interface PublishSearchEntryRequest__Output {
  'metadata': (_netswarm_dht_v1_SearchMetadata__Output | null);
}
