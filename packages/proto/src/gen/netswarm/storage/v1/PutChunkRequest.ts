// Original file: proto/netswarm/storage/v1/storage.proto


export interface PutChunkRequest {
  'cid'?: (string);
  'data'?: (Buffer | Uint8Array | string);
}

export interface PutChunkRequest__Output {
  'cid': (string);
  'data': (Buffer);
}
