// Original file: proto/netswarm/storage/v1/storage.proto

import type { Long } from '@grpc/proto-loader';

export interface ReadFileRequest {
  'cid'?: (string);
  'offset'?: (number | string | Long);
  'length'?: (number | string | Long);
}

export interface ReadFileRequest__Output {
  'cid': (string);
  'offset': (string);
  'length': (string);
}
