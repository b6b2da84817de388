// Original file: proto/netswarm/storage/v1/storage.proto


export interface ListFilesRequest {
  'pageSize'?: (number);
  'pageToken'?: (string);
}

export interface ListFilesRequest__Output {
  'pageSize': (number);
  'pageToken': (string);
}
