// Original file: proto/netswarm/dht/v1/dht.proto

import type { SearchMetadata as _netswarm_dht_v1_SearchMetadata, SearchMetadata__Output as _netswarm_dht_v1_SearchMetadata__Output } from '../../../netswarm/dht/v1/SearchMetadata.js';
import type { PeerInfo as _netswarm_common_v1_PeerInfo, PeerInfo__Output as _netswarm_common_v1_PeerInfo__Output } from '../../../netswarm/common/v1/PeerInfo.js';

export interface SearchResult {
  'metadata'?: (_netswarm_dht_v1_SearchMetadata | null);
  'providers'?: (_netswarm_common_v1_PeerInfo)[];
  'matchedAll'?: (boolean);
  'wordsMatched'?: (number);
  'wordsInName'?: (number);
  'score'?: (number | string);
}

export interface SearchResult__Output {
  'metadata': (_netswarm_dht_v1_SearchMetadata__Output | null);
  'providers': (_netswarm_common_v1_PeerInfo__Output)[];
  'matchedAll': (boolean);
  'wordsMatched': (number);
  'wordsInName': (number);
  'score': (number);
}
