// Original file: proto/netswarm/storage/v1/storage.proto


export interface PutChunkResponse {
  'cid'?: (string);
  'created'?: (boolean);
}

export interface PutChunkResponse__Output {
  'cid': (string);
  'created': (boolean);
}
