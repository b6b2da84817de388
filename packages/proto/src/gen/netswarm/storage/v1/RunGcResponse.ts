// Original file: proto/netswarm/storage/v1/storage.proto

import type { Long } from '@grpc/proto-loader';

export interface RunGcResponse {
  'chunksRemoved'?: (number | string | Long);
  'bytesRemoved'?: (number | string | Long);
  'manifestsRemoved'?: (number | string | Long);
}

export interface RunGcResponse__Output {
  'chunksRemoved': (string);
  'bytesRemoved': (string);
  'manifestsRemoved': (string);
}
