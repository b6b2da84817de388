// Original file: proto/netswarm/transfer/v1/transfer.proto

import type { Long } from '@grpc/proto-loader';

export interface PeerRate {
  'peerId'?: (string);
  'address'?: (string);
  'bytesReceived'?: (number | string | Long);
  'chunksReceived'?: (number);
  'bytesPerSecond'?: (number | string);
  'rttMs'?: (number | string);
  'outstanding'?: (number);
  'pipelineDepth'?: (number);
  'strikes'?: (number);
  'dropped'?: (boolean);
}

export interface PeerRate__Output {
  'peerId': (string);
  'address': (string);
  'bytesReceived': (string);
  'chunksReceived': (number);
  'bytesPerSecond': (number);
  'rttMs': (number);
  'outstanding': (number);
  'pipelineDepth': (number);
  'strikes': (number);
  'dropped': (boolean);
}
