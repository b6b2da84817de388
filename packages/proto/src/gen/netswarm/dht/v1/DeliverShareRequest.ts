// Original file: proto/netswarm/dht/v1/dht.proto

import type { ShareEnvelope as _netswarm_dht_v1_ShareEnvelope, ShareEnvelope__Output as _netswarm_dht_v1_ShareEnvelope__Output } from '../../../netswarm/dht/v1/ShareEnvelope.js';

export interface DeliverShareRequest {
  'recipient'?: (Buffer | Uint8Array | string);
  'envelope'?: (_netswarm_dht_v1_ShareEnvelope | null);
}

export interface DeliverShareRequest__Output {
  'recipient': (Buffer);
  'envelope': (_netswarm_dht_v1_ShareEnvelope__Output | null);
}
