// Original file: proto/netswarm/dht/v1/dht.proto


export interface PublishSearchEntryResponse {
  'keywords'?: (number);
  'storedOn'?: (number);
}

export interface PublishSearchEntryResponse__Output {
  'keywords': (number);
  'storedOn': (number);
}
