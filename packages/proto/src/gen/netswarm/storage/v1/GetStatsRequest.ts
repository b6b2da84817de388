// Original file: proto/netswarm/storage/v1/storage.proto


export interface GetStatsRequest {
}

export interface GetStatsRequest__Output {
}
