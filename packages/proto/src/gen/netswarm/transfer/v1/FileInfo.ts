// Original file: proto/netswarm/transfer/v1/transfer.proto

import type { Long } from '@grpc/proto-loader';

export interface FileInfo {
  'cid'?: (string);
  'name'?: (string);
  'mediaType'?: (string);
  'size'?: (number | string | Long);
  'chunks'?: (number);
}

export interface FileInfo__Output {
  'cid': (string);
  'name': (string);
  'mediaType': (string);
  'size': (string);
  'chunks': (number);
}
