// Original file: proto/netswarm/storage/v1/storage.proto


export interface DeleteChunksResponse {
  'deleted'?: (number);
}

export interface DeleteChunksResponse__Output {
  'deleted': (number);
}
