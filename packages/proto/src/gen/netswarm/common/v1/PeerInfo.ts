// Original file: proto/netswarm/common/v1/types.proto


export interface PeerInfo {
  'peerId'?: (string);
  'addresses'?: (string)[];
  'publicKey'?: (Buffer | Uint8Array | string);
}

export interface PeerInfo__Output {
  'peerId': (string);
  'addresses': (string)[];
  'publicKey': (Buffer);
}
