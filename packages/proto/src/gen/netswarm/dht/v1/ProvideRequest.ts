// Original file: proto/netswarm/dht/v1/dht.proto


export interface ProvideRequest {
  'cid'?: (string);
}

export interface ProvideRequest__Output {
  'cid': (string);
}
