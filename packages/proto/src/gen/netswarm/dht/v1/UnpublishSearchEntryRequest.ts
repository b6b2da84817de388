// Original file: proto/netswarm/dht/v1/dht.proto


export interface UnpublishSearchEntryRequest {
  'cid'?: (string);
}

export interface UnpublishSearchEntryRequest__Output {
  'cid': (string);
}
