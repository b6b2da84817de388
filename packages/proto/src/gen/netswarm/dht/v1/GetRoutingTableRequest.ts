// Original file: proto/netswarm/dht/v1/dht.proto


export interface GetRoutingTableRequest {
}

export interface GetRoutingTableRequest__Output {
}
