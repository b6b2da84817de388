// Original file: proto/netswarm/transfer/v1/transfer.proto


export interface ListTransfersRequest {
  'includeFinished'?: (boolean);
}

export interface ListTransfersRequest__Output {
  'includeFinished': (boolean);
}
