// Original file: proto/netswarm/transfer/v1/transfer.proto

import type { FileInfo as _netswarm_transfer_v1_FileInfo, FileInfo__Output as _netswarm_transfer_v1_FileInfo__Output } from '../../../netswarm/transfer/v1/FileInfo.js';

export interface GetManifestResponse {
  'manifest'?: (Buffer | Uint8Array | string);
  'info'?: (_netswarm_transfer_v1_FileInfo | null);
}

export interface GetManifestResponse__Output {
  'manifest': (Buffer);
  'info': (_netswarm_transfer_v1_FileInfo__Output | null);
}
