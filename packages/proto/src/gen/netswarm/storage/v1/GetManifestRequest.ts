// Original file: proto/netswarm/storage/v1/storage.proto


export interface GetManifestRequest {
  'cid'?: (string);
}

export interface GetManifestRequest__Output {
  'cid': (string);
}
