// Original file: proto/netswarm/dht/v1/dht.proto


export interface PutRecordResponse {
  'storedOn'?: (number);
}

export interface PutRecordResponse__Output {
  'storedOn': (number);
}
