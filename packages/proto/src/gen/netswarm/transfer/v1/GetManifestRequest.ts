// Original file: proto/netswarm/transfer/v1/transfer.proto


export interface GetManifestRequest {
  'cid'?: (string);
}

export interface GetManifestRequest__Output {
  'cid': (string);
}
