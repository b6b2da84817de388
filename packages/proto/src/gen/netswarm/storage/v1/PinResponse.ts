// Original file: proto/netswarm/storage/v1/storage.proto

import type { Long } from '@grpc/proto-loader';

export interface PinResponse {
  'changed'?: (boolean);
  'pinnedBytes'?: (number | string | Long);
}

export interface PinResponse__Output {
  'changed': (boolean);
  'pinnedBytes': (string);
}
