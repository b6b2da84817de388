// Original file: proto/netswarm/dht/v1/dht.proto


export interface GetStatsRequest {
}

export interface GetStatsRequest__Output {
}
