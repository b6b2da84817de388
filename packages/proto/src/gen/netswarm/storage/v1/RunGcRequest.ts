// Original file: proto/netswarm/storage/v1/storage.proto


export interface RunGcRequest {
}

export interface RunGcRequest__Output {
}
