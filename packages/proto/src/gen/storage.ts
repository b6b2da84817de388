import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { ChunkData as _netswarm_storage_v1_ChunkData, ChunkData__Output as _netswarm_storage_v1_ChunkData__Output } from './netswarm/storage/v1/ChunkData.js';
import type { DeleteChunksRequest as _netswarm_storage_v1_DeleteChunksRequest, DeleteChunksRequest__Output as _netswarm_storage_v1_DeleteChunksRequest__Output } from './netswarm/storage/v1/DeleteChunksRequest.js';
import type { DeleteChunksResponse as _netswarm_storage_v1_DeleteChunksResponse, DeleteChunksResponse__Output as _netswarm_storage_v1_DeleteChunksResponse__Output } from './netswarm/storage/v1/DeleteChunksResponse.js';
import type { FileInfo as _netswarm_storage_v1_FileInfo, FileInfo__Output as _netswarm_storage_v1_FileInfo__Output } from './netswarm/storage/v1/FileInfo.js';
import type { GetChunksRequest as _netswarm_storage_v1_GetChunksRequest, GetChunksRequest__Output as _netswarm_storage_v1_GetChunksRequest__Output } from './netswarm/storage/v1/GetChunksRequest.js';
import type { GetManifestRequest as _netswarm_storage_v1_GetManifestRequest, GetManifestRequest__Output as _netswarm_storage_v1_GetManifestRequest__Output } from './netswarm/storage/v1/GetManifestRequest.js';
import type { GetManifestResponse as _netswarm_storage_v1_GetManifestResponse, GetManifestResponse__Output as _netswarm_storage_v1_GetManifestResponse__Output } from './netswarm/storage/v1/GetManifestResponse.js';
import type { GetStatsRequest as _netswarm_storage_v1_GetStatsRequest, GetStatsRequest__Output as _netswarm_storage_v1_GetStatsRequest__Output } from './netswarm/storage/v1/GetStatsRequest.js';
import type { GetStatsResponse as _netswarm_storage_v1_GetStatsResponse, GetStatsResponse__Output as _netswarm_storage_v1_GetStatsResponse__Output } from './netswarm/storage/v1/GetStatsResponse.js';
import type { GetStoreInfoRequest as _netswarm_storage_v1_GetStoreInfoRequest, GetStoreInfoRequest__Output as _netswarm_storage_v1_GetStoreInfoRequest__Output } from './netswarm/storage/v1/GetStoreInfoRequest.js';
import type { GetStoreInfoResponse as _netswarm_storage_v1_GetStoreInfoResponse, GetStoreInfoResponse__Output as _netswarm_storage_v1_GetStoreInfoResponse__Output } from './netswarm/storage/v1/GetStoreInfoResponse.js';
import type { HasChunksRequest as _netswarm_storage_v1_HasChunksRequest, HasChunksRequest__Output as _netswarm_storage_v1_HasChunksRequest__Output } from './netswarm/storage/v1/HasChunksRequest.js';
import type { HasChunksResponse as _netswarm_storage_v1_HasChunksResponse, HasChunksResponse__Output as _netswarm_storage_v1_HasChunksResponse__Output } from './netswarm/storage/v1/HasChunksResponse.js';
import type { ListFilesRequest as _netswarm_storage_v1_ListFilesRequest, ListFilesRequest__Output as _netswarm_storage_v1_ListFilesRequest__Output } from './netswarm/storage/v1/ListFilesRequest.js';
import type { ListFilesResponse as _netswarm_storage_v1_ListFilesResponse, ListFilesResponse__Output as _netswarm_storage_v1_ListFilesResponse__Output } from './netswarm/storage/v1/ListFilesResponse.js';
import type { PinRequest as _netswarm_storage_v1_PinRequest, PinRequest__Output as _netswarm_storage_v1_PinRequest__Output } from './netswarm/storage/v1/PinRequest.js';
import type { PinResponse as _netswarm_storage_v1_PinResponse, PinResponse__Output as _netswarm_storage_v1_PinResponse__Output } from './netswarm/storage/v1/PinResponse.js';
import type { PutChunkRequest as _netswarm_storage_v1_PutChunkRequest, PutChunkRequest__Output as _netswarm_storage_v1_PutChunkRequest__Output } from './netswarm/storage/v1/PutChunkRequest.js';
import type { PutChunkResponse as _netswarm_storage_v1_PutChunkResponse, PutChunkResponse__Output as _netswarm_storage_v1_PutChunkResponse__Output } from './netswarm/storage/v1/PutChunkResponse.js';
import type { PutManifestRequest as _netswarm_storage_v1_PutManifestRequest, PutManifestRequest__Output as _netswarm_storage_v1_PutManifestRequest__Output } from './netswarm/storage/v1/PutManifestRequest.js';
import type { PutManifestResponse as _netswarm_storage_v1_PutManifestResponse, PutManifestResponse__Output as _netswarm_storage_v1_PutManifestResponse__Output } from './netswarm/storage/v1/PutManifestResponse.js';
import type { ReadFileRequest as _netswarm_storage_v1_ReadFileRequest, ReadFileRequest__Output as _netswarm_storage_v1_ReadFileRequest__Output } from './netswarm/storage/v1/ReadFileRequest.js';
import type { ReadFileResponse as _netswarm_storage_v1_ReadFileResponse, ReadFileResponse__Output as _netswarm_storage_v1_ReadFileResponse__Output } from './netswarm/storage/v1/ReadFileResponse.js';
import type { RunGcRequest as _netswarm_storage_v1_RunGcRequest, RunGcRequest__Output as _netswarm_storage_v1_RunGcRequest__Output } from './netswarm/storage/v1/RunGcRequest.js';
import type { RunGcResponse as _netswarm_storage_v1_RunGcResponse, RunGcResponse__Output as _netswarm_storage_v1_RunGcResponse__Output } from './netswarm/storage/v1/RunGcResponse.js';
import type { StorageServiceClient as _netswarm_storage_v1_StorageServiceClient, StorageServiceDefinition as _netswarm_storage_v1_StorageServiceDefinition } from './netswarm/storage/v1/StorageService.js';
import type { UnpinRequest as _netswarm_storage_v1_UnpinRequest, UnpinRequest__Output as _netswarm_storage_v1_UnpinRequest__Output } from './netswarm/storage/v1/UnpinRequest.js';
import type { UnpinResponse as _netswarm_storage_v1_UnpinResponse, UnpinResponse__Output as _netswarm_storage_v1_UnpinResponse__Output } from './netswarm/storage/v1/UnpinResponse.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  netswarm: {
    storage: {
      v1: {
        ChunkData: MessageTypeDefinition<_netswarm_storage_v1_ChunkData, _netswarm_storage_v1_ChunkData__Output>
        DeleteChunksRequest: MessageTypeDefinition<_netswarm_storage_v1_DeleteChunksRequest, _netswarm_storage_v1_DeleteChunksRequest__Output>
        DeleteChunksResponse: MessageTypeDefinition<_netswarm_storage_v1_DeleteChunksResponse, _netswarm_storage_v1_DeleteChunksResponse__Output>
        FileInfo: MessageTypeDefinition<_netswarm_storage_v1_FileInfo, _netswarm_storage_v1_FileInfo__Output>
        GetChunksRequest: MessageTypeDefinition<_netswarm_storage_v1_GetChunksRequest, _netswarm_storage_v1_GetChunksRequest__Output>
        GetManifestRequest: MessageTypeDefinition<_netswarm_storage_v1_GetManifestRequest, _netswarm_storage_v1_GetManifestRequest__Output>
        GetManifestResponse: MessageTypeDefinition<_netswarm_storage_v1_GetManifestResponse, _netswarm_storage_v1_GetManifestResponse__Output>
        GetStatsRequest: MessageTypeDefinition<_netswarm_storage_v1_GetStatsRequest, _netswarm_storage_v1_GetStatsRequest__Output>
        GetStatsResponse: MessageTypeDefinition<_netswarm_storage_v1_GetStatsResponse, _netswarm_storage_v1_GetStatsResponse__Output>
        GetStoreInfoRequest: MessageTypeDefinition<_netswarm_storage_v1_GetStoreInfoRequest, _netswarm_storage_v1_GetStoreInfoRequest__Output>
        GetStoreInfoResponse: MessageTypeDefinition<_netswarm_storage_v1_GetStoreInfoResponse, _netswarm_storage_v1_GetStoreInfoResponse__Output>
        HasChunksRequest: MessageTypeDefinition<_netswarm_storage_v1_HasChunksRequest, _netswarm_storage_v1_HasChunksRequest__Output>
        HasChunksResponse: MessageTypeDefinition<_netswarm_storage_v1_HasChunksResponse, _netswarm_storage_v1_HasChunksResponse__Output>
        ListFilesRequest: MessageTypeDefinition<_netswarm_storage_v1_ListFilesRequest, _netswarm_storage_v1_ListFilesRequest__Output>
        ListFilesResponse: MessageTypeDefinition<_netswarm_storage_v1_ListFilesResponse, _netswarm_storage_v1_ListFilesResponse__Output>
        PinRequest: MessageTypeDefinition<_netswarm_storage_v1_PinRequest, _netswarm_storage_v1_PinRequest__Output>
        PinResponse: MessageTypeDefinition<_netswarm_storage_v1_PinResponse, _netswarm_storage_v1_PinResponse__Output>
        PutChunkRequest: MessageTypeDefinition<_netswarm_storage_v1_PutChunkRequest, _netswarm_storage_v1_PutChunkRequest__Output>
        PutChunkResponse: MessageTypeDefinition<_netswarm_storage_v1_PutChunkResponse, _netswarm_storage_v1_PutChunkResponse__Output>
        PutManifestRequest: MessageTypeDefinition<_netswarm_storage_v1_PutManifestRequest, _netswarm_storage_v1_PutManifestRequest__Output>
        PutManifestResponse: MessageTypeDefinition<_netswarm_storage_v1_PutManifestResponse, _netswarm_storage_v1_PutManifestResponse__Output>
        ReadFileRequest: MessageTypeDefinition<_netswarm_storage_v1_ReadFileRequest, _netswarm_storage_v1_ReadFileRequest__Output>
        ReadFileResponse: MessageTypeDefinition<_netswarm_storage_v1_ReadFileResponse, _netswarm_storage_v1_ReadFileResponse__Output>
        RunGcRequest: MessageTypeDefinition<_netswarm_storage_v1_RunGcRequest, _netswarm_storage_v1_RunGcRequest__Output>
        RunGcResponse: MessageTypeDefinition<_netswarm_storage_v1_RunGcResponse, _netswarm_storage_v1_RunGcResponse__Output>
        StorageService: SubtypeConstructor<typeof grpc.Client, _netswarm_storage_v1_StorageServiceClient> & { service: _netswarm_storage_v1_StorageServiceDefinition }
        UnpinRequest: MessageTypeDefinition<_netswarm_storage_v1_UnpinRequest, _netswarm_storage_v1_UnpinRequest__Output>
        UnpinResponse: MessageTypeDefinition<_netswarm_storage_v1_UnpinResponse, _netswarm_storage_v1_UnpinResponse__Output>
      }
    }
  }
}

