// Original file: proto/netswarm/common/v1/types.proto


export interface Empty {
}

export interface Empty__Output {
}
