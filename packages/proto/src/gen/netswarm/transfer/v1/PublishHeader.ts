// Original file: proto/netswarm/transfer/v1/transfer.proto


export interface PublishHeader {
  'name'?: (string);
  'mediaType'?: (string);
  'path'?: (string);
  'replicationFactor'?: (number);
  'noPin'?: (boolean);
}

export interface PublishHeader__Output {
  'name': (string);
  'mediaType': (string);
  'path': (string);
  'replicationFactor': (number);
  'noPin': (boolean);
}
