// Original file: proto/netswarm/dht/v1/dht.proto

import type { ShareEnvelope as _netswarm_dht_v1_ShareEnvelope, ShareEnvelope__Output as _netswarm_dht_v1_ShareEnvelope__Output } from '../../../netswarm/dht/v1/ShareEnvelope.js';

export interface GetInboxResponse {
  'envelopes'?: (_netswarm_dht_v1_ShareEnvelope)[];
}

export interface GetInboxResponse__Output {
  'envelopes': (_netswarm_dht_v1_ShareEnvelope__Output)[];
}
