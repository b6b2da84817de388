// Original file: proto/netswarm/transfer/v1/transfer.proto

import type { Long } from '@grpc/proto-loader';

export interface PublishResponse {
  'cid'?: (string);
  'size'?: (number | string | Long);
  'chunks'?: (number);
  'replicasRequested'?: (string)[];
}

export interface PublishResponse__Output {
  'cid': (string);
  'size': (string);
  'chunks': (number);
  'replicasRequested': (string)[];
}
