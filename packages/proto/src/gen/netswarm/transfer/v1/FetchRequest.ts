// Original file: proto/netswarm/transfer/v1/transfer.proto


export interface FetchRequest {
  'cid'?: (string);
}

export interface FetchRequest__Output {
  'cid': (string);
}
