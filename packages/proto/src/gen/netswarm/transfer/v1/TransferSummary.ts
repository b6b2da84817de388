// Original file: proto/netswarm/transfer/v1/transfer.proto

import type { TransferKind as _netswarm_transfer_v1_TransferKind, TransferKind__Output as _netswarm_transfer_v1_TransferKind__Output } from '../../../netswarm/transfer/v1/TransferKind.js';
import type { TransferState as _netswarm_transfer_v1_TransferState, TransferState__Output as _netswarm_transfer_v1_TransferState__Output } from '../../../netswarm/transfer/v1/TransferState.js';
import type { PeerRate as _netswarm_transfer_v1_PeerRate, PeerRate__Output as _netswarm_transfer_v1_PeerRate__Output } from '../../../netswarm/transfer/v1/PeerRate.js';
import type { Long } from '@grpc/proto-loader';

export interface TransferSummary {
  'transferId'?: (string);
  'cid'?: (string);
  'name'?: (string);
  'kind'?: (_netswarm_transfer_v1_TransferKind);
  'state'?: (_netswarm_transfer_v1_TransferState);
  'bytesDone'?: (number | string | Long);
  'bytesTotal'?: (number | string | Long);
  'bytesPerSecond'?: (number | string);
  'sources'?: (number);
  'startedAtMs'?: (number | string | Long);
  'finishedAtMs'?: (number | string | Long);
  'error'?: (string);
  'peers'?: (_netswarm_transfer_v1_PeerRate)[];
}

export interface TransferSummary__Output {
  'transferId': (string);
  'cid': (string);
  'name': (string);
  'kind': (_netswarm_transfer_v1_TransferKind__Output);
  'state': (_netswarm_transfer_v1_TransferState__Output);
  'bytesDone': (string);
  'bytesTotal': (string);
  'bytesPerSecond': (number);
  'sources': (number);
  'startedAtMs': (string);
  'finishedAtMs': (string);
  'error': (string);
  'peers': (_netswarm_transfer_v1_PeerRate__Output)[];
}
