// Original file: proto/netswarm/transfer/v1/transfer.proto

import type { PublishHeader as _netswarm_transfer_v1_PublishHeader, PublishHeader__Output as _netswarm_transfer_v1_PublishHeader__Output } from '../../../netswarm/transfer/v1/PublishHeader.js';

export interface PublishRequest {
  'header'?: (_netswarm_transfer_v1_PublishHeader | null);
  'data'?: (Buffer | Uint8Array | string);
  'body'?: "header"|"data";
}

export interface PublishRequest__Output {
  'header'?: (_netswarm_transfer_v1_PublishHeader__Output | null);
  'data'?: (Buffer);
  'body'?: "header"|"data";
}
