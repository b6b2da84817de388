// Original file: proto/netswarm/storage/v1/storage.proto

import type { Long } from '@grpc/proto-loader';

export interface UnpinResponse {
  'changed'?: (boolean);
  'pinnedBytes'?: (number | string | Long);
}

export interface UnpinResponse__Output {
  'changed': (boolean);
  'pinnedBytes': (string);
}
