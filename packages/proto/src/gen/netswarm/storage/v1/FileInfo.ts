// Original file: proto/netswarm/storage/v1/storage.proto

import type { Long } from '@grpc/proto-loader';

export interface FileInfo {
  'cid'?: (string);
  'name'?: (string);
  'size'?: (number | string | Long);
  'mediaType'?: (string);
  'chunkCount'?: (number);
  'pinned'?: (boolean);
}

export interface FileInfo__Output {
  'cid': (string);
  'name': (string);
  'size': (string);
  'mediaType': (string);
  'chunkCount': (number);
  'pinned': (boolean);
}
