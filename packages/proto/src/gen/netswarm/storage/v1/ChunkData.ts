// Original file: proto/netswarm/storage/v1/storage.proto


export interface ChunkData {
  'cid'?: (string);
  'found'?: (boolean);
  'data'?: (Buffer | Uint8Array | string);
}

export interface ChunkData__Output {
  'cid': (string);
  'found': (boolean);
  'data': (Buffer);
}
