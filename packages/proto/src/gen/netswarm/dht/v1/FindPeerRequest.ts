// Original file: proto/netswarm/dht/v1/dht.proto


export interface FindPeerRequest {
  'peerId'?: (string);
}

export interface FindPeerRequest__Output {
  'peerId': (string);
}
