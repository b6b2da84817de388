// Original file: proto/netswarm/storage/v1/storage.proto


export interface GetStoreInfoResponse {
  'path'?: (string);
  'layoutVersion'?: (number);
}

export interface GetStoreInfoResponse__Output {
  'path': (string);
  'layoutVersion': (number);
}
