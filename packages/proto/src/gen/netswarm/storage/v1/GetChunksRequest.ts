// Original file: proto/netswarm/storage/v1/storage.proto


export interface GetChunksRequest {
  'cids'?: (string)[];
}

export interface GetChunksRequest__Output {
  'cids': (string)[];
}
