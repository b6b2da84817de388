// Original file: proto/netswarm/transfer/v1/transfer.proto


export interface ReplicateResponse {
  'cid'?: (string);
  'holders'?: (string)[];
}

export interface ReplicateResponse__Output {
  'cid': (string);
  'holders': (string)[];
}
