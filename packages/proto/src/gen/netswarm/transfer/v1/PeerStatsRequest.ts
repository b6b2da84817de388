// Original file: proto/netswarm/transfer/v1/transfer.proto


export interface PeerStatsRequest {
}

export interface PeerStatsRequest__Output {
}
