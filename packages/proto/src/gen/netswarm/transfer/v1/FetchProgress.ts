// Original file: proto/netswarm/transfer/v1/transfer.proto

import type { TransferState as _netswarm_transfer_v1_TransferState, TransferState__Output as _netswarm_transfer_v1_TransferState__Output } from '../../../netswarm/transfer/v1/TransferState.js';
import type { PeerRate as _netswarm_transfer_v1_PeerRate, PeerRate__Output as _netswarm_transfer_v1_PeerRate__Output } from '../../../netswarm/transfer/v1/PeerRate.js';
import type { Long } from '@grpc/proto-loader';

export interface FetchProgress {
  'bytesReceived'?: (number | string | Long);
  'bytesTotal'?: (number | string | Long);
  'chunksReceived'?: (number);
  'chunksTotal'?: (number);
  'transferId'?: (string);
  'cid'?: (string);
  'state'?: (_netswarm_transfer_v1_TransferState);
  'chunksLocal'?: (number);
  'sources'?: (number);
  'peers'?: (_netswarm_transfer_v1_PeerRate)[];
  'bytesPerSecond'?: (number | string);
  'name'?: (string);
  'mediaType'?: (string);
  'error'?: (string);
  'verificationFailures'?: (number);
}

export interface FetchProgress__Output {
  'bytesReceived': (string);
  'bytesTotal': (string);
  'chunksReceived': (number);
  'chunksTotal': (number);
  'transferId': (string);
  'cid': (string);
  'state': (_netswarm_transfer_v1_TransferState__Output);
  'chunksLocal': (number);
  'sources': (number);
  'peers': (_netswarm_transfer_v1_PeerRate__Output)[];
  'bytesPerSecond': (number);
  'name': (string);
  'mediaType': (string);
  'error': (string);
  'verificationFailures': (number);
}
