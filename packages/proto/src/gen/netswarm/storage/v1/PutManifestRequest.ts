// Original file: proto/netswarm/storage/v1/storage.proto


export interface PutManifestRequest {
  'manifest'?: (Buffer | Uint8Array | string);
  'cid'?: (string);
  'pin'?: (boolean);
  'allowMissingChunks'?: (boolean);
}

export interface PutManifestRequest__Output {
  'manifest': (Buffer);
  'cid': (string);
  'pin': (boolean);
  'allowMissingChunks': (boolean);
}
