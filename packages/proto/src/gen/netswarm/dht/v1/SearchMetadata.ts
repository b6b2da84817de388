// Original file: proto/netswarm/dht/v1/dht.proto

import type { Long } from '@grpc/proto-loader';

export interface SearchMetadata {
  'cid'?: (string);
  'name'?: (string);
  'mediaType'?: (string);
  'size'?: (number | string | Long);
  'tags'?: (string)[];
  'description'?: (string);
}

export interface SearchMetadata__Output {
  'cid': (string);
  'name': (string);
  'mediaType': (string);
  'size': (string);
  'tags': (string)[];
  'description': (string);
}
