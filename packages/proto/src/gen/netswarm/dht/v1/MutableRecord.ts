// Original file: proto/netswarm/dht/v1/dht.proto

import type { Long } from '@grpc/proto-loader';

export interface MutableRecord {
  'publicKey'?: (Buffer | Uint8Array | string);
  'sequence'?: (number | string | Long);
  'value'?: (Buffer | Uint8Array | string);
  'signature'?: (Buffer | Uint8Array | string);
}

export interface MutableRecord__Output {
  'publicKey': (Buffer);
  'sequence': (string);
  'value': (Buffer);
  'signature': (Buffer);
}
