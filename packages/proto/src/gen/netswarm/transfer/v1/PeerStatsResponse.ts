// Original file: proto/netswarm/transfer/v1/transfer.proto

import type { PeerStat as _netswarm_transfer_v1_PeerStat, PeerStat__Output as _netswarm_transfer_v1_PeerStat__Output } from '../../../netswarm/transfer/v1/PeerStat.js';

export interface PeerStatsResponse {
  'peers'?: (_netswarm_transfer_v1_PeerStat)[];
  'uploadSlots'?: (number);
  'uploadSlotsBusy'?: (number);
}

export interface PeerStatsResponse__Output {
  'peers': (_netswarm_transfer_v1_PeerStat__Output)[];
  'uploadSlots': (number);
  'uploadSlotsBusy': (number);
}
