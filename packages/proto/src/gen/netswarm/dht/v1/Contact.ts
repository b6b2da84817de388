// Original file: proto/netswarm/dht/v1/dht.proto

import type { PeerInfo as _netswarm_common_v1_PeerInfo, PeerInfo__Output as _netswarm_common_v1_PeerInfo__Output } from '../../../netswarm/common/v1/PeerInfo.js';
import type { Long } from '@grpc/proto-loader';

export interface Contact {
  'peer'?: (_netswarm_common_v1_PeerInfo | null);
  'rttMs'?: (number | string);
  'lastSeenMs'?: (number | string | Long);
  'bucketIndex'?: (number);
}

export interface Contact__Output {
  'peer': (_netswarm_common_v1_PeerInfo__Output | null);
  'rttMs': (number);
  'lastSeenMs': (string);
  'bucketIndex': (number);
}
