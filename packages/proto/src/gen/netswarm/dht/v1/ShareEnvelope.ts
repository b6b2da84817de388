// Original file: proto/netswarm/dht/v1/dht.proto


export interface ShareEnvelope {
  'version'?: (number);
  'cid'?: (string);
  'epk'?: (string);
  'box'?: (string);
  'sender'?: (string);
  'sig'?: (string);
}

export interface ShareEnvelope__Output {
  'version': (number);
  'cid': (string);
  'epk': (string);
  'box': (string);
  'sender': (string);
  'sig': (string);
}
