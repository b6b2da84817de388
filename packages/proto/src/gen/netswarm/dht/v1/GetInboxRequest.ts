// Original file: proto/netswarm/dht/v1/dht.proto


export interface GetInboxRequest {
  'recipient'?: (Buffer | Uint8Array | string);
}

export interface GetInboxRequest__Output {
  'recipient': (Buffer);
}
