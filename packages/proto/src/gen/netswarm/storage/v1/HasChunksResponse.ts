// Original file: proto/netswarm/storage/v1/storage.proto


export interface HasChunksResponse {
  'present'?: (boolean)[];
}

export interface HasChunksResponse__Output {
  'present': (boolean)[];
}
