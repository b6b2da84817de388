// Original file: proto/netswarm/transfer/v1/transfer.proto

import type { FileInfo as _netswarm_transfer_v1_FileInfo, FileInfo__Output as _netswarm_transfer_v1_FileInfo__Output } from '../../../netswarm/transfer/v1/FileInfo.js';
import type { Long } from '@grpc/proto-loader';

export interface ReadFileResponse {
  'info'?: (_netswarm_transfer_v1_FileInfo | null);
  'data'?: (Buffer | Uint8Array | string);
  'offset'?: (number | string | Long);
}

export interface ReadFileResponse__Output {
  'info': (_netswarm_transfer_v1_FileInfo__Output | null);
  'data': (Buffer);
  'offset': (string);
}
