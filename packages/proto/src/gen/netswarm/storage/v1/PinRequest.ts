// Original file: proto/netswarm/storage/v1/storage.proto


export interface PinRequest {
  'cid'?: (string);
}

export interface PinRequest__Output {
  'cid': (string);
}
