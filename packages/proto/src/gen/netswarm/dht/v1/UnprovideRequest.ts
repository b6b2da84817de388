// Original file: proto/netswarm/dht/v1/dht.proto


export interface UnprovideRequest {
  'cid'?: (string);
}

export interface UnprovideRequest__Output {
  'cid': (string);
}
