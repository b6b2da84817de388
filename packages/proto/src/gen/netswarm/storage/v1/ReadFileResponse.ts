// Original file: proto/netswarm/storage/v1/storage.proto


export interface ReadFileResponse {
  'data'?: (Buffer | Uint8Array | string);
}

export interface ReadFileResponse__Output {
  'data': (Buffer);
}
