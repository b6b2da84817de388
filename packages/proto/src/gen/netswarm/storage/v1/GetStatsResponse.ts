// Original file: proto/netswarm/storage/v1/storage.proto

import type { Long } from '@grpc/proto-loader';

export interface GetStatsResponse {
  'bytesStored'?: (number | string | Long);
  'chunksStored'?: (number | string | Long);
  'pinnedBytes'?: (number | string | Long);
  'quotaBytes'?: (number | string | Long);
  'manifestsStored'?: (number | string | Long);
  'pins'?: (number | string | Long);
}

export interface GetStatsResponse__Output {
  'bytesStored': (string);
  'chunksStored': (string);
  'pinnedBytes': (string);
  'quotaBytes': (string);
  'manifestsStored': (string);
  'pins': (string);
}
