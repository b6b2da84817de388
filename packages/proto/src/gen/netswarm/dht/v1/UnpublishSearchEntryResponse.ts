// Original file: proto/netswarm/dht/v1/dht.proto


export interface UnpublishSearchEntryResponse {
  'wasPublished'?: (boolean);
}

export interface UnpublishSearchEntryResponse__Output {
  'wasPublished': (boolean);
}
