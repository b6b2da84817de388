// Original file: proto/netswarm/dht/v1/dht.proto


export interface GetRecordRequest {
  'publicKey'?: (Buffer | Uint8Array | string);
}

export interface GetRecordRequest__Output {
  'publicKey': (Buffer);
}
