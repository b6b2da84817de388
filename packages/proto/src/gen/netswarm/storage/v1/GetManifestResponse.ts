// Original file: proto/netswarm/storage/v1/storage.proto

import type { FileInfo as _netswarm_storage_v1_FileInfo, FileInfo__Output as _netswarm_storage_v1_FileInfo__Output } from '../../../netswarm/storage/v1/FileInfo.js';

export interface GetManifestResponse {
  'cid'?: (string);
  'manifest'?: (Buffer | Uint8Array | string);
  'info'?: (_netswarm_storage_v1_FileInfo | null);
}

export interface GetManifestResponse__Output {
  'cid': (string);
  'manifest': (Buffer);
  'info': (_netswarm_storage_v1_FileInfo__Output | null);
}
