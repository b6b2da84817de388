// Original file: proto/netswarm/storage/v1/storage.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ChunkData as _netswarm_storage_v1_ChunkData, ChunkData__Output as _netswarm_storage_v1_ChunkData__Output } from '../../../netswarm/storage/v1/ChunkData.js';
import type { DeleteChunksRequest as _netswarm_storage_v1_DeleteChunksRequest, DeleteChunksRequest__Output as _netswarm_storage_v1_DeleteChunksRequest__Output } from '../../../netswarm/storage/v1/DeleteChunksRequest.js';
import type { DeleteChunksResponse as _netswarm_storage_v1_DeleteChunksResponse, DeleteChunksResponse__Output as _netswarm_storage_v1_DeleteChunksResponse__Output } from '../../../netswarm/storage/v1/DeleteChunksResponse.js';
import type { GetChunksRequest as _netswarm_storage_v1_GetChunksRequest, GetChunksRequest__Output as _netswarm_storage_v1_GetChunksRequest__Output } from '../../../netswarm/storage/v1/GetChunksRequest.js';
import type { GetManifestRequest as _netswarm_storage_v1_GetManifestRequest, GetManifestRequest__Output as _netswarm_storage_v1_GetManifestRequest__Output } from '../../../netswarm/storage/v1/GetManifestRequest.js';
import type { GetManifestResponse as _netswarm_storage_v1_GetManifestResponse, GetManifestResponse__Output as _netswarm_storage_v1_GetManifestResponse__Output } from '../../../netswarm/storage/v1/GetManifestResponse.js';
import type { GetStatsRequest as _netswarm_storage_v1_GetStatsRequest, GetStatsRequest__Output as _netswarm_storage_v1_GetStatsRequest__Output } from '../../../netswarm/storage/v1/GetStatsRequest.js';
import type { GetStatsResponse as _netswarm_storage_v1_GetStatsResponse, GetStatsResponse__Output as _netswarm_storage_v1_GetStatsResponse__Output } from '../../../netswarm/storage/v1/GetStatsResponse.js';
import type { GetStoreInfoRequest as _netswarm_storage_v1_GetStoreInfoRequest, GetStoreInfoRequest__Output as _netswarm_storage_v1_GetStoreInfoRequest__Output } from '../../../netswarm/storage/v1/GetStoreInfoRequest.js';
import type { GetStoreInfoResponse as _netswarm_storage_v1_GetStoreInfoResponse, GetStoreInfoResponse__Output as _netswarm_storage_v1_GetStoreInfoResponse__Output } from '../../../netswarm/storage/v1/GetStoreInfoResponse.js';
import type { HasChunksRequest as _netswarm_storage_v1_HasChunksRequest, HasChunksRequest__Output as _netswarm_storage_v1_HasChunksRequest__Output } from '../../../netswarm/storage/v1/HasChunksRequest.js';
import type { HasChunksResponse as _netswarm_storage_v1_HasChunksResponse, HasChunksResponse__Output as _netswarm_storage_v1_HasChunksResponse__Output } from '../../../netswarm/storage/v1/HasChunksResponse.js';
import type { ListFilesRequest as _netswarm_storage_v1_ListFilesRequest, ListFilesRequest__Output as _netswarm_storage_v1_ListFilesRequest__Output } from '../../../netswarm/storage/v1/ListFilesRequest.js';
import type { ListFilesResponse as _netswarm_storage_v1_ListFilesResponse, ListFilesResponse__Output as _netswarm_storage_v1_ListFilesResponse__Output } from '../../../netswarm/storage/v1/ListFilesResponse.js';
import type { PinRequest as _netswarm_storage_v1_PinRequest, PinRequest__Output as _netswarm_storage_v1_PinRequest__Output } from '../../../netswarm/storage/v1/PinRequest.js';
import type { PinResponse as _netswarm_storage_v1_PinResponse, PinResponse__Output as _netswarm_storage_v1_PinResponse__Output } from '../../../netswarm/storage/v1/PinResponse.js';
import type { PutChunkRequest as _netswarm_storage_v1_PutChunkRequest, PutChunkRequest__Output as _netswarm_storage_v1_PutChunkRequest__Output } from '../../../netswarm/storage/v1/PutChunkRequest.js';
import type { PutChunkResponse as _netswarm_storage_v1_PutChunkResponse, PutChunkResponse__Output as _netswarm_storage_v1_PutChunkResponse__Output } from '../../../netswarm/storage/v1/PutChunkResponse.js';
import type { PutManifestRequest as _netswarm_storage_v1_PutManifestRequest, PutManifestRequest__Output as _netswarm_storage_v1_PutManifestRequest__Output } from '../../../netswarm/storage/v1/PutManifestRequest.js';
import type { PutManifestResponse as _netswarm_storage_v1_PutManifestResponse, PutManifestResponse__Output as _netswarm_storage_v1_PutManifestResponse__Output } from '../../../netswarm/storage/v1/PutManifestResponse.js';
import type { ReadFileRequest as _netswarm_storage_v1_ReadFileRequest, ReadFileRequest__Output as _netswarm_storage_v1_ReadFileRequest__Output } from '../../../netswarm/storage/v1/ReadFileRequest.js';
import type { ReadFileResponse as _netswarm_storage_v1_ReadFileResponse, ReadFileResponse__Output as _netswarm_storage_v1_ReadFileResponse__Output } from '../../../netswarm/storage/v1/ReadFileResponse.js';
import type { RunGcRequest as _netswarm_storage_v1_RunGcRequest, RunGcRequest__Output as _netswarm_storage_v1_RunGcRequest__Output } from '../../../netswarm/storage/v1/RunGcRequest.js';
import type { RunGcResponse as _netswarm_storage_v1_RunGcResponse, RunGcResponse__Output as _netswarm_storage_v1_RunGcResponse__Output } from '../../../netswarm/storage/v1/RunGcResponse.js';
import type { UnpinRequest as _netswarm_storage_v1_UnpinRequest, UnpinRequest__Output as _netswarm_storage_v1_UnpinRequest__Output } from '../../../netswarm/storage/v1/UnpinRequest.js';
import type { UnpinResponse as _netswarm_storage_v1_UnpinResponse, UnpinResponse__Output as _netswarm_storage_v1_UnpinResponse__Output } from '../../../netswarm/storage/v1/UnpinResponse.js';

export interface StorageServiceClient extends grpc.Client {
  DeleteChunks(argument: _netswarm_storage_v1_DeleteChunksRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_storage_v1_DeleteChunksResponse__Output>): grpc.ClientUnaryCall;
  DeleteChunks(argument: _netswarm_storage_v1_DeleteChunksRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_netswarm_storage_v1_DeleteChunksResponse__Output>): grpc.ClientUnaryCall;
  DeleteChunks(argument: _netswarm_storage_v1_DeleteChunksRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_storage_v1_DeleteChunksResponse__Output>): grpc.ClientUnaryCall;
  DeleteChunks(argument: _netswarm_storage_v1_DeleteChunksRequest, callback: grpc.requestCallback<_netswarm_storage_v1_DeleteChunksResponse__Output>): grpc.ClientUnaryCall;
  deleteChunks(argument: _netswarm_storage_v1_DeleteChunksRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_storage_v1_DeleteChunksResponse__Output>): grpc.ClientUnaryCall;
  deleteChunks(argument: _netswarm_storage_v1_DeleteChunksRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_netswarm_storage_v1_DeleteChunksResponse__Output>): grpc.ClientUnaryCall;
  deleteChunks(argument: _netswarm_storage_v1_DeleteChunksRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_storage_v1_DeleteChunksResponse__Output>): grpc.ClientUnaryCall;
  deleteChunks(argument: _netswarm_storage_v1_DeleteChunksRequest, callback: grpc.requestCallback<_netswarm_storage_v1_DeleteChunksResponse__Output>): grpc.ClientUnaryCall;
  
  GetChunks(argument: _netswarm_storage_v1_GetChunksRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_netswarm_storage_v1_ChunkData__Output>;
  GetChunks(argument: _netswarm_storage_v1_GetChunksRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_netswarm_storage_v1_ChunkData__Output>;
  getChunks(argument: _netswarm_storage_v1_GetChunksRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_netswarm_storage_v1_ChunkData__Output>;
  getChunks(argument: _netswarm_storage_v1_GetChunksRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_netswarm_storage_v1_ChunkData__Output>;
  
  GetManifest(argument: _netswarm_storage_v1_GetManifestRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_storage_v1_GetManifestResponse__Output>): grpc.ClientUnaryCall;
  GetManifest(argument: _netswarm_storage_v1_GetManifestRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_netswarm_storage_v1_GetManifestResponse__Output>): grpc.ClientUnaryCall;
  GetManifest(argument: _netswarm_storage_v1_GetManifestRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_storage_v1_GetManifestResponse__Output>): grpc.ClientUnaryCall;
  GetManifest(argument: _netswarm_storage_v1_GetManifestRequest, callback: grpc.requestCallback<_netswarm_storage_v1_GetManifestResponse__Output>): grpc.ClientUnaryCall;
  getManifest(argument: _netswarm_storage_v1_GetManifestRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_storage_v1_GetManifestResponse__Output>): grpc.ClientUnaryCall;
  getManifest(argument: _netswarm_storage_v1_GetManifestRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_netswarm_storage_v1_GetManifestResponse__Output>): grpc.ClientUnaryCall;
  getManifest(argument: _netswarm_storage_v1_GetManifestRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_storage_v1_GetManifestResponse__Output>): grpc.ClientUnaryCall;
  getManifest(argument: _netswarm_storage_v1_GetManifestRequest, callback: grpc.requestCallback<_netswarm_storage_v1_GetManifestResponse__Output>): grpc.ClientUnaryCall;
  
  GetStats(argument: _netswarm_storage_v1_GetStatsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_storage_v1_GetStatsResponse__Output>): grpc.ClientUnaryCall;
  GetStats(argument: _netswarm_storage_v1_GetStatsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_netswarm_storage_v1_GetStatsResponse__Output>): grpc.ClientUnaryCall;
  GetStats(argument: _netswarm_storage_v1_GetStatsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_storage_v1_GetStatsResponse__Output>): grpc.ClientUnaryCall;
  GetStats(argument: _netswarm_storage_v1_GetStatsRequest, callback: grpc.requestCallback<_netswarm_storage_v1_GetStatsResponse__Output>): grpc.ClientUnaryCall;
  getStats(argument: _netswarm_storage_v1_GetStatsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_storage_v1_GetStatsResponse__Output>): grpc.ClientUnaryCall;
  getStats(argument: _netswarm_storage_v1_GetStatsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_netswarm_storage_v1_GetStatsResponse__Output>): grpc.ClientUnaryCall;
  getStats(argument: _netswarm_storage_v1_GetStatsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_storage_v1_GetStatsResponse__Output>): grpc.ClientUnaryCall;
  getStats(argument: _netswarm_storage_v1_GetStatsRequest, callback: grpc.requestCallback<_netswarm_storage_v1_GetStatsResponse__Output>): grpc.ClientUnaryCall;
  
  GetStoreInfo(argument: _netswarm_storage_v1_GetStoreInfoRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_storage_v1_GetStoreInfoResponse__Output>): grpc.ClientUnaryCall;
  GetStoreInfo(argument: _netswarm_storage_v1_GetStoreInfoRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_netswarm_storage_v1_GetStoreInfoResponse__Output>): grpc.ClientUnaryCall;
  GetStoreInfo(argument: _netswarm_storage_v1_GetStoreInfoRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_storage_v1_GetStoreInfoResponse__Output>): grpc.ClientUnaryCall;
  GetStoreInfo(argument: _netswarm_storage_v1_GetStoreInfoRequest, callback: grpc.requestCallback<_netswarm_storage_v1_GetStoreInfoResponse__Output>): grpc.ClientUnaryCall;
  getStoreInfo(argument: _netswarm_storage_v1_GetStoreInfoRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_storage_v1_GetStoreInfoResponse__Output>): grpc.ClientUnaryCall;
  getStoreInfo(argument: _netswarm_storage_v1_GetStoreInfoRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_netswarm_storage_v1_GetStoreInfoResponse__Output>): grpc.ClientUnaryCall;
  getStoreInfo(argument: _netswarm_storage_v1_GetStoreInfoRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_storage_v1_GetStoreInfoResponse__Output>): grpc.ClientUnaryCall;
  getStoreInfo(argument: _netswarm_storage_v1_GetStoreInfoRequest, callback: grpc.requestCallback<_netswarm_storage_v1_GetStoreInfoResponse__Output>): grpc.ClientUnaryCall;
  
  HasChunks(argument: _netswarm_storage_v1_HasChunksRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_storage_v1_HasChunksResponse__Output>): grpc.ClientUnaryCall;
  HasChunks(argument: _netswarm_storage_v1_HasChunksRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_netswarm_storage_v1_HasChunksResponse__Output>): grpc.ClientUnaryCall;
  HasChunks(argument: _netswarm_storage_v1_HasChunksRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_storage_v1_HasChunksResponse__Output>): grpc.ClientUnaryCall;
  HasChunks(argument: _netswarm_storage_v1_HasChunksRequest, callback: grpc.requestCallback<_netswarm_storage_v1_HasChunksResponse__Output>): grpc.ClientUnaryCall;
  hasChunks(argument: _netswarm_storage_v1_HasChunksRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_storage_v1_HasChunksResponse__Output>): grpc.ClientUnaryCall;
  hasChunks(argument: _netswarm_storage_v1_HasChunksRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_netswarm_storage_v1_HasChunksResponse__Output>): grpc.ClientUnaryCall;
  hasChunks(argument: _netswarm_storage_v1_HasChunksRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_storage_v1_HasChunksResponse__Output>): grpc.ClientUnaryCall;
  hasChunks(argument: _netswarm_storage_v1_HasChunksRequest, callback: grpc.requestCallback<_netswarm_storage_v1_HasChunksResponse__Output>): grpc.ClientUnaryCall;
  
  ListFiles(argument: _netswarm_storage_v1_ListFilesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_storage_v1_ListFilesResponse__Output>): grpc.ClientUnaryCall;
  ListFiles(argument: _netswarm_storage_v1_ListFilesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_netswarm_storage_v1_ListFilesResponse__Output>): grpc.ClientUnaryCall;
  ListFiles(argument: _netswarm_storage_v1_ListFilesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_storage_v1_ListFilesResponse__Output>): grpc.ClientUnaryCall;
  ListFiles(argument: _netswarm_storage_v1_ListFilesRequest, callback: grpc.requestCallback<_netswarm_storage_v1_ListFilesResponse__Output>): grpc.ClientUnaryCall;
  listFiles(argument: _netswarm_storage_v1_ListFilesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_storage_v1_ListFilesResponse__Output>): grpc.ClientUnaryCall;
  listFiles(argument: _netswarm_storage_v1_ListFilesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_netswarm_storage_v1_ListFilesResponse__Output>): grpc.ClientUnaryCall;
  listFiles(argument: _netswarm_storage_v1_ListFilesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_storage_v1_ListFilesResponse__Output>): grpc.ClientUnaryCall;
  listFiles(argument: _netswarm_storage_v1_ListFilesRequest, callback: grpc.requestCallback<_netswarm_storage_v1_ListFilesResponse__Output>): grpc.ClientUnaryCall;
  
  ListPins(argument: _netswarm_storage_v1_ListFilesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_storage_v1_ListFilesResponse__Output>): grpc.ClientUnaryCall;
  ListPins(argument: _netswarm_storage_v1_ListFilesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_netswarm_storage_v1_ListFilesResponse__Output>): grpc.ClientUnaryCall;
  ListPins(argument: _netswarm_storage_v1_ListFilesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_storage_v1_ListFilesResponse__Output>): grpc.ClientUnaryCall;
  ListPins(argument: _netswarm_storage_v1_ListFilesRequest, callback: grpc.requestCallback<_netswarm_storage_v1_ListFilesResponse__Output>): grpc.ClientUnaryCall;
  listPins(argument: _netswarm_storage_v1_ListFilesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_storage_v1_ListFilesResponse__Output>): grpc.ClientUnaryCall;
  listPins(argument: _netswarm_storage_v1_ListFilesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_netswarm_storage_v1_ListFilesResponse__Output>): grpc.ClientUnaryCall;
  listPins(argument: _netswarm_storage_v1_ListFilesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_storage_v1_ListFilesResponse__Output>): grpc.ClientUnaryCall;
  listPins(argument: _netswarm_storage_v1_ListFilesRequest, callback: grpc.requestCallback<_netswarm_storage_v1_ListFilesResponse__Output>): grpc.ClientUnaryCall;
  
  Pin(argument: _netswarm_storage_v1_PinRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_storage_v1_PinResponse__Output>): grpc.ClientUnaryCall;
  Pin(argument: _netswarm_storage_v1_PinRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_netswarm_storage_v1_PinResponse__Output>): grpc.ClientUnaryCall;
  Pin(argument: _netswarm_storage_v1_PinRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_storage_v1_PinResponse__Output>): grpc.ClientUnaryCall;
  Pin(argument: _netswarm_storage_v1_PinRequest, callback: grpc.requestCallback<_netswarm_storage_v1_PinResponse__Output>): grpc.ClientUnaryCall;
  pin(argument: _netswarm_storage_v1_PinRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_storage_v1_PinResponse__Output>): grpc.ClientUnaryCall;
  pin(argument: _netswarm_storage_v1_PinRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_netswarm_storage_v1_PinResponse__Output>): grpc.ClientUnaryCall;
  pin(argument: _netswarm_storage_v1_PinRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_storage_v1_PinResponse__Output>): grpc.ClientUnaryCall;
  pin(argument: _netswarm_storage_v1_PinRequest, callback: grpc.requestCallback<_netswarm_storage_v1_PinResponse__Output>): grpc.ClientUnaryCall;
  
  PutChunks(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_netswarm_storage_v1_PutChunkRequest, _netswarm_storage_v1_PutChunkResponse__Output>;
  PutChunks(options?: grpc.CallOptions): grpc.ClientDuplexStream<_netswarm_storage_v1_PutChunkRequest, _netswarm_storage_v1_PutChunkResponse__Output>;
  putChunks(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_netswarm_storage_v1_PutChunkRequest, _netswarm_storage_v1_PutChunkResponse__Output>;
  putChunks(options?: grpc.CallOptions): grpc.ClientDuplexStream<_netswarm_storage_v1_PutChunkRequest, _netswarm_storage_v1_PutChunkResponse__Output>;
  
  PutManifest(argument: _netswarm_storage_v1_PutManifestRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_storage_v1_PutManifestResponse__Output>): grpc.ClientUnaryCall;
  PutManifest(argument: _netswarm_storage_v1_PutManifestRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_netswarm_storage_v1_PutManifestResponse__Output>): grpc.ClientUnaryCall;
  PutManifest(argument: _netswarm_storage_v1_PutManifestRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_storage_v1_PutManifestResponse__Output>): grpc.ClientUnaryCall;
  PutManifest(argument: _netswarm_storage_v1_PutManifestRequest, callback: grpc.requestCallback<_netswarm_storage_v1_PutManifestResponse__Output>): grpc.ClientUnaryCall;
  putManifest(argument: _netswarm_storage_v1_PutManifestRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_storage_v1_PutManifestResponse__Output>): grpc.ClientUnaryCall;
  putManifest(argument: _netswarm_storage_v1_PutManifestRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_netswarm_storage_v1_PutManifestResponse__Output>): grpc.ClientUnaryCall;
  putManifest(argument: _netswarm_storage_v1_PutManifestRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_storage_v1_PutManifestResponse__Output>): grpc.ClientUnaryCall;
  putManifest(argument: _netswarm_storage_v1_PutManifestRequest, callback: grpc.requestCallback<_netswarm_storage_v1_PutManifestResponse__Output>): grpc.ClientUnaryCall;
  
  ReadFile(argument: _netswarm_storage_v1_ReadFileRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_netswarm_storage_v1_ReadFileResponse__Output>;
  ReadFile(argument: _netswarm_storage_v1_ReadFileRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_netswarm_storage_v1_ReadFileResponse__Output>;
  readFile(argument: _netswarm_storage_v1_ReadFileRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_netswarm_storage_v1_ReadFileResponse__Output>;
  readFile(argument: _netswarm_storage_v1_ReadFileRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_netswarm_storage_v1_ReadFileResponse__Output>;
  
  RunGc(argument: _netswarm_storage_v1_RunGcRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_storage_v1_RunGcResponse__Output>): grpc.ClientUnaryCall;
  RunGc(argument: _netswarm_storage_v1_RunGcRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_netswarm_storage_v1_RunGcResponse__Output>): grpc.ClientUnaryCall;
  RunGc(argument: _netswarm_storage_v1_RunGcRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_storage_v1_RunGcResponse__Output>): grpc.ClientUnaryCall;
  RunGc(argument: _netswarm_storage_v1_RunGcRequest, callback: grpc.requestCallback<_netswarm_storage_v1_RunGcResponse__Output>): grpc.ClientUnaryCall;
  runGc(argument: _netswarm_storage_v1_RunGcRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_storage_v1_RunGcResponse__Output>): grpc.ClientUnaryCall;
  runGc(argument: _netswarm_storage_v1_RunGcRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_netswarm_storage_v1_RunGcResponse__Output>): grpc.ClientUnaryCall;
  runGc(argument: _netswarm_storage_v1_RunGcRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_storage_v1_RunGcResponse__Output>): grpc.ClientUnaryCall;
  runGc(argument: _netswarm_storage_v1_RunGcRequest, callback: grpc.requestCallback<_netswarm_storage_v1_RunGcResponse__Output>): grpc.ClientUnaryCall;
  
  Unpin(argument: _netswarm_storage_v1_UnpinRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_storage_v1_UnpinResponse__Output>): grpc.ClientUnaryCall;
  Unpin(argument: _netswarm_storage_v1_UnpinRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_netswarm_storage_v1_UnpinResponse__Output>): grpc.ClientUnaryCall;
  Unpin(argument: _netswarm_storage_v1_UnpinRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_storage_v1_UnpinResponse__Output>): grpc.ClientUnaryCall;
  Unpin(argument: _netswarm_storage_v1_UnpinRequest, callback: grpc.requestCallback<_netswarm_storage_v1_UnpinResponse__Output>): grpc.ClientUnaryCall;
  unpin(argument: _netswarm_storage_v1_UnpinRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_storage_v1_UnpinResponse__Output>): grpc.ClientUnaryCall;
  unpin(argument: _netswarm_storage_v1_UnpinRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_netswarm_storage_v1_UnpinResponse__Output>): grpc.ClientUnaryCall;
  unpin(argument: _netswarm_storage_v1_UnpinRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_storage_v1_UnpinResponse__Output>): grpc.ClientUnaryCall;
  unpin(argument: _netswarm_storage_v1_UnpinRequest, callback: grpc.requestCallback<_netswarm_storage_v1_UnpinResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface StorageServiceHandlers extends grpc.UntypedServiceImplementation {
  DeleteChunks: grpc.handleUnaryCall<_netswarm_storage_v1_DeleteChunksRequest__Output, _netswarm_storage_v1_DeleteChunksResponse>;
  
  GetChunks: grpc.handleServerStreamingCall<_netswarm_storage_v1_GetChunksRequest__Output, _netswarm_storage_v1_ChunkData>;
  
  GetManifest: grpc.handleUnaryCall<_netswarm_storage_v1_GetManifestRequest__Output, _netswarm_storage_v1_GetManifestResponse>;
  
  GetStats: grpc.handleUnaryCall<_netswarm_storage_v1_GetStatsRequest__Output, _netswarm_storage_v1_GetStatsResponse>;
  
  GetStoreInfo: grpc.handleUnaryCall<_netswarm_storage_v1_GetStoreInfoRequest__Output, _netswarm_storage_v1_GetStoreInfoResponse>;
  
  HasChunks: grpc.handleUnaryCall<_netswarm_storage_v1_HasChunksRequest__Output, _netswarm_storage_v1_HasChunksResponse>;
  
  ListFiles: grpc.handleUnaryCall<_netswarm_storage_v1_ListFilesRequest__Output, _netswarm_storage_v1_ListFilesResponse>;
  
  ListPins: grpc.handleUnaryCall<_netswarm_storage_v1_ListFilesRequest__Output, _netswarm_storage_v1_ListFilesResponse>;
  
  Pin: grpc.handleUnaryCall<_netswarm_storage_v1_PinRequest__Output, _netswarm_storage_v1_PinResponse>;
  
  PutChunks: grpc.handleBidiStreamingCall<_netswarm_storage_v1_PutChunkRequest__Output, _netswarm_storage_v1_PutChunkResponse>;
  
  PutManifest: grpc.handleUnaryCall<_netswarm_storage_v1_PutManifestRequest__Output, _netswarm_storage_v1_PutManifestResponse>;
  
  ReadFile: grpc.handleServerStreamingCall<_netswarm_storage_v1_ReadFileRequest__Output, _netswarm_storage_v1_ReadFileResponse>;
  
  RunGc: grpc.handleUnaryCall<_netswarm_storage_v1_RunGcRequest__Output, _netswarm_storage_v1_RunGcResponse>;
  
  Unpin: grpc.handleUnaryCall<_netswarm_storage_v1_UnpinRequest__Output, _netswarm_storage_v1_UnpinResponse>;
  
}

export interface StorageServiceDefinition extends grpc.ServiceDefinition {
  DeleteChunks: MethodDefinition<_netswarm_storage_v1_DeleteChunksRequest, _netswarm_storage_v1_DeleteChunksResponse, _netswarm_storage_v1_DeleteChunksRequest__Output, _netswarm_storage_v1_DeleteChunksResponse__Output>
  GetChunks: MethodDefinition<_netswarm_storage_v1_GetChunksRequest, _netswarm_storage_v1_ChunkData, _netswarm_storage_v1_GetChunksRequest__Output, _netswarm_storage_v1_ChunkData__Output>
  GetManifest: MethodDefinition<_netswarm_storage_v1_GetManifestRequest, _netswarm_storage_v1_GetManifestResponse, _netswarm_storage_v1_GetManifestRequest__Output, _netswarm_storage_v1_GetManifestResponse__Output>
  GetStats: MethodDefinition<_netswarm_storage_v1_GetStatsRequest, _netswarm_storage_v1_GetStatsResponse, _netswarm_storage_v1_GetStatsRequest__Output, _netswarm_storage_v1_GetStatsResponse__Output>
  GetStoreInfo: MethodDefinition<_netswarm_storage_v1_GetStoreInfoRequest, _netswarm_storage_v1_GetStoreInfoResponse, _netswarm_storage_v1_GetStoreInfoRequest__Output, _netswarm_storage_v1_GetStoreInfoResponse__Output>
  HasChunks: MethodDefinition<_netswarm_storage_v1_HasChunksRequest, _netswarm_storage_v1_HasChunksResponse, _netswarm_storage_v1_HasChunksRequest__Output, _netswarm_storage_v1_HasChunksResponse__Output>
  ListFiles: MethodDefinition<_netswarm_storage_v1_ListFilesRequest, _netswarm_storage_v1_ListFilesResponse, _netswarm_storage_v1_ListFilesRequest__Output, _netswarm_storage_v1_ListFilesResponse__Output>
  ListPins: MethodDefinition<_netswarm_storage_v1_ListFilesRequest, _netswarm_storage_v1_ListFilesResponse, _netswarm_storage_v1_ListFilesRequest__Output, _netswarm_storage_v1_ListFilesResponse__Output>
  Pin: MethodDefinition<_netswarm_storage_v1_PinRequest, _netswarm_storage_v1_PinResponse, _netswarm_storage_v1_PinRequest__Output, _netswarm_storage_v1_PinResponse__Output>
  PutChunks: MethodDefinition<_netswarm_storage_v1_PutChunkRequest, _netswarm_storage_v1_PutChunkResponse, _netswarm_storage_v1_PutChunkRequest__Output, _netswarm_storage_v1_PutChunkResponse__Output>
  PutManifest: MethodDefinition<_netswarm_storage_v1_PutManifestRequest, _netswarm_storage_v1_PutManifestResponse, _netswarm_storage_v1_PutManifestRequest__Output, _netswarm_storage_v1_PutManifestResponse__Output>
  ReadFile: MethodDefinition<_netswarm_storage_v1_ReadFileRequest, _netswarm_storage_v1_ReadFileResponse, _netswarm_storage_v1_ReadFileRequest__Output, _netswarm_storage_v1_ReadFileResponse__Output>
  RunGc: MethodDefinition<_netswarm_storage_v1_RunGcRequest, _netswarm_storage_v1_RunGcResponse, _netswarm_storage_v1_RunGcRequest__Output, _netswarm_storage_v1_RunGcResponse__Output>
  Unpin: MethodDefinition<_netswarm_storage_v1_UnpinRequest, _netswarm_storage_v1_UnpinResponse, _netswarm_storage_v1_UnpinRequest__Output, _netswarm_storage_v1_UnpinResponse__Output>
}
