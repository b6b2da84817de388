// Original file: proto/netswarm/storage/v1/storage.proto


export interface UnpinRequest {
  'cid'?: (string);
}

export interface UnpinRequest__Output {
  'cid': (string);
}
