// Original file: proto/netswarm/transfer/v1/transfer.proto

import type { Long } from '@grpc/proto-loader';

export interface FetchProgress {
  'bytesReceived'?: (number | string | Long);
  'bytesTotal'?: (number | string | Long);
  'chunksReceived'?: (number);
  'chunksTotal'?: (number);
}

export interface FetchProgress__Output {
  'bytesReceived': (string);
  'bytesTotal': (string);
  'chunksReceived': (number);
  'chunksTotal': (number);
}
