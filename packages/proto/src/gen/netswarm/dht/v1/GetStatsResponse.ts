// Original file: proto/netswarm/dht/v1/dht.proto

import type { Long } from '@grpc/proto-loader';

export interface GetStatsResponse {
  'routingTableSize'?: (number);
  'lookupsTotal'?: (number | string | Long);
  'lookupsFailedTotal'?: (number | string | Long);
  'messagesReceivedTotal'?: (number | string | Long);
  'messagesSentTotal'?: (number | string | Long);
  'malformedMessagesTotal'?: (number | string | Long);
  'providerRecords'?: (number);
  'mutableRecords'?: (number);
  'providedKeys'?: (number);
}

export interface GetStatsResponse__Output {
  'routingTableSize': (number);
  'lookupsTotal': (string);
  'lookupsFailedTotal': (string);
  'messagesReceivedTotal': (string);
  'messagesSentTotal': (string);
  'malformedMessagesTotal': (string);
  'providerRecords': (number);
  'mutableRecords': (number);
  'providedKeys': (number);
}
