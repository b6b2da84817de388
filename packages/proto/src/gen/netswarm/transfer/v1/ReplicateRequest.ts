// Original file: proto/netswarm/transfer/v1/transfer.proto


export interface ReplicateRequest {
  'cid'?: (string);
  'replicationFactor'?: (number);
}

export interface ReplicateRequest__Output {
  'cid': (string);
  'replicationFactor': (number);
}
