// Original file: proto/netswarm/storage/v1/storage.proto


export interface GetStoreInfoRequest {
}

export interface GetStoreInfoRequest__Output {
}
