// Original file: proto/netswarm/dht/v1/dht.proto

import type { PeerInfo as _netswarm_common_v1_PeerInfo, PeerInfo__Output as _netswarm_common_v1_PeerInfo__Output } from '../../../netswarm/common/v1/PeerInfo.js';

export interface ProviderFound {
  'peer'?: (_netswarm_common_v1_PeerInfo | null);
  'hops'?: (number);
}

export interface ProviderFound__Output {
  'peer': (_netswarm_common_v1_PeerInfo__Output | null);
  'hops': (number);
}
