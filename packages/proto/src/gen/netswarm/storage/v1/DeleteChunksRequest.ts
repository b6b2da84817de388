// Original file: proto/netswarm/storage/v1/storage.proto


export interface DeleteChunksRequest {
  'cids'?: (string)[];
}

export interface DeleteChunksRequest__Output {
  'cids': (string)[];
}
