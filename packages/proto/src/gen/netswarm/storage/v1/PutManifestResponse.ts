// Original file: proto/netswarm/storage/v1/storage.proto


export interface PutManifestResponse {
  'cid'?: (string);
  'created'?: (boolean);
}

export interface PutManifestResponse__Output {
  'cid': (string);
  'created': (boolean);
}
