// Original file: proto/netswarm/storage/v1/storage.proto


export interface HasChunksRequest {
  'cids'?: (string)[];
}

export interface HasChunksRequest__Output {
  'cids': (string)[];
}
