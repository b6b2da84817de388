// Original file: proto/netswarm/transfer/v1/transfer.proto


export interface FetchRequest {
  'cid'?: (string);
  'pin'?: (boolean);
  'peers'?: (string)[];
}

export interface FetchRequest__Output {
  'cid': (string);
  'pin': (boolean);
  'peers': (string)[];
}
