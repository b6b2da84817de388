// Original file: proto/netswarm/storage/v1/storage.proto

import type { FileInfo as _netswarm_storage_v1_FileInfo, FileInfo__Output as _netswarm_storage_v1_FileInfo__Output } from '../../../netswarm/storage/v1/FileInfo.js';

export interface ListFilesResponse {
  'files'?: (_netswarm_storage_v1_FileInfo)[];
  'nextPageToken'?: (string);
}

export interface ListFilesResponse__Output {
  'files': (_netswarm_storage_v1_FileInfo__Output)[];
  'nextPageToken': (string);
}
