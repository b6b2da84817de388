// Original file: proto/netswarm/transfer/v1/transfer.proto

import type { TransferSummary as _netswarm_transfer_v1_TransferSummary, TransferSummary__Output as _netswarm_transfer_v1_TransferSummary__Output } from '../../../netswarm/transfer/v1/TransferSummary.js';

export interface ListTransfersResponse {
  'transfers'?: (_netswarm_transfer_v1_TransferSummary)[];
}

export interface ListTransfersResponse__Output {
  'transfers': (_netswarm_transfer_v1_TransferSummary__Output)[];
}
