// Original file: proto/netswarm/dht/v1/dht.proto

import type { MutableRecord as _netswarm_dht_v1_MutableRecord, MutableRecord__Output as _netswarm_dht_v1_MutableRecord__Output } from '../../../netswarm/dht/v1/MutableRecord.js';

export interface GetRecordResponse {
  'record'?: (_netswarm_dht_v1_MutableRecord | null);
}

export interface GetRecordResponse__Output {
  'record': (_netswarm_dht_v1_MutableRecord__Output | null);
}
