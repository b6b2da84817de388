// Original file: proto/netswarm/dht/v1/dht.proto


export interface FindProvidersRequest {
  'cid'?: (string);
  'limit'?: (number);
}

export interface FindProvidersRequest__Output {
  'cid': (string);
  'limit': (number);
}
