// Original file: proto/netswarm/dht/v1/dht.proto


export interface SearchRequest {
  'query'?: (string);
  'limit'?: (number);
  'timeoutMs'?: (number);
  'prefix'?: (boolean);
}

export interface SearchRequest__Output {
  'query': (string);
  'limit': (number);
  'timeoutMs': (number);
  'prefix': (boolean);
}
