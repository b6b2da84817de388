// Original file: proto/netswarm/transfer/v1/transfer.proto

import type { Long } from '@grpc/proto-loader';

export interface PeerStat {
  'peerId'?: (string);
  'address'?: (string);
  'connected'?: (boolean);
  'bytesIn'?: (number | string | Long);
  'bytesOut'?: (number | string | Long);
  'chunksIn'?: (number | string | Long);
  'chunksOut'?: (number | string | Long);
  'bytesInPerSecond'?: (number | string);
  'bytesOutPerSecond'?: (number | string);
  'rttMs'?: (number | string);
  'verificationFailures'?: (number);
}

export interface PeerStat__Output {
  'peerId': (string);
  'address': (string);
  'connected': (boolean);
  'bytesIn': (string);
  'bytesOut': (string);
  'chunksIn': (string);
  'chunksOut': (string);
  'bytesInPerSecond': (number);
  'bytesOutPerSecond': (number);
  'rttMs': (number);
  'verificationFailures': (number);
}
