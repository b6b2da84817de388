// Original file: proto/netswarm/dht/v1/dht.proto


export interface ProvideResponse {
  'storedOn'?: (number);
}

export interface ProvideResponse__Output {
  'storedOn': (number);
}
