// Original file: proto/netswarm/dht/v1/dht.proto


export interface DeliverShareResponse {
  'storedOn'?: (number);
  'envelopes'?: (number);
}

export interface DeliverShareResponse__Output {
  'storedOn': (number);
  'envelopes': (number);
}
