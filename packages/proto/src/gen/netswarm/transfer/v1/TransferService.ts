// Original file: proto/netswarm/transfer/v1/transfer.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { FetchProgress as _netswarm_transfer_v1_FetchProgress, FetchProgress__Output as _netswarm_transfer_v1_FetchProgress__Output } from '../../../netswarm/transfer/v1/FetchProgress.js';
import type { FetchRequest as _netswarm_transfer_v1_FetchRequest, FetchRequest__Output as _netswarm_transfer_v1_FetchRequest__Output } from '../../../netswarm/transfer/v1/FetchRequest.js';
import type { GetManifestRequest as _netswarm_transfer_v1_GetManifestRequest, GetManifestRequest__Output as _netswarm_transfer_v1_GetManifestRequest__Output } from '../../../netswarm/transfer/v1/GetManifestRequest.js';
import type { GetManifestResponse as _netswarm_transfer_v1_GetManifestResponse, GetManifestResponse__Output as _netswarm_transfer_v1_GetManifestResponse__Output } from '../../../netswarm/transfer/v1/GetManifestResponse.js';
import type { ListTransfersRequest as _netswarm_transfer_v1_ListTransfersRequest, ListTransfersRequest__Output as _netswarm_transfer_v1_ListTransfersRequest__Output } from '../../../netswarm/transfer/v1/ListTransfersRequest.js';
import type { ListTransfersResponse as _netswarm_transfer_v1_ListTransfersResponse, ListTransfersResponse__Output as _netswarm_transfer_v1_ListTransfersResponse__Output } from '../../../netswarm/transfer/v1/ListTransfersResponse.js';
import type { PeerStatsRequest as _netswarm_transfer_v1_PeerStatsRequest, PeerStatsRequest__Output as _netswarm_transfer_v1_PeerStatsRequest__Output } from '../../../netswarm/transfer/v1/PeerStatsRequest.js';
import type { PeerStatsResponse as _netswarm_transfer_v1_PeerStatsResponse, PeerStatsResponse__Output as _netswarm_transfer_v1_PeerStatsResponse__Output } from '../../../netswarm/transfer/v1/PeerStatsResponse.js';
import type { PublishRequest as _netswarm_transfer_v1_PublishRequest, PublishRequest__Output as _netswarm_transfer_v1_PublishRequest__Output } from '../../../netswarm/transfer/v1/PublishRequest.js';
import type { PublishResponse as _netswarm_transfer_v1_PublishResponse, PublishResponse__Output as _netswarm_transfer_v1_PublishResponse__Output } from '../../../netswarm/transfer/v1/PublishResponse.js';
import type { ReadFileRequest as _netswarm_transfer_v1_ReadFileRequest, ReadFileRequest__Output as _netswarm_transfer_v1_ReadFileRequest__Output } from '../../../netswarm/transfer/v1/ReadFileRequest.js';
import type { ReadFileResponse as _netswarm_transfer_v1_ReadFileResponse, ReadFileResponse__Output as _netswarm_transfer_v1_ReadFileResponse__Output } from '../../../netswarm/transfer/v1/ReadFileResponse.js';
import type { ReplicateRequest as _netswarm_transfer_v1_ReplicateRequest, ReplicateRequest__Output as _netswarm_transfer_v1_ReplicateRequest__Output } from '../../../netswarm/transfer/v1/ReplicateRequest.js';
import type { ReplicateResponse as _netswarm_transfer_v1_ReplicateResponse, ReplicateResponse__Output as _netswarm_transfer_v1_ReplicateResponse__Output } from '../../../netswarm/transfer/v1/ReplicateResponse.js';

export interface TransferServiceClient extends grpc.Client {
  Fetch(argument: _netswarm_transfer_v1_FetchRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_netswarm_transfer_v1_FetchProgress__Output>;
  Fetch(argument: _netswarm_transfer_v1_FetchRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_netswarm_transfer_v1_FetchProgress__Output>;
  fetch(argument: _netswarm_transfer_v1_FetchRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_netswarm_transfer_v1_FetchProgress__Output>;
  fetch(argument: _netswarm_transfer_v1_FetchRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_netswarm_transfer_v1_FetchProgress__Output>;
  
  GetManifest(argument: _netswarm_transfer_v1_GetManifestRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_transfer_v1_GetManifestResponse__Output>): grpc.ClientUnaryCall;
  GetManifest(argument: _netswarm_transfer_v1_GetManifestRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_netswarm_transfer_v1_GetManifestResponse__Output>): grpc.ClientUnaryCall;
  GetManifest(argument: _netswarm_transfer_v1_GetManifestRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_transfer_v1_GetManifestResponse__Output>): grpc.ClientUnaryCall;
  GetManifest(argument: _netswarm_transfer_v1_GetManifestRequest, callback: grpc.requestCallback<_netswarm_transfer_v1_GetManifestResponse__Output>): grpc.ClientUnaryCall;
  getManifest(argument: _netswarm_transfer_v1_GetManifestRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_transfer_v1_GetManifestResponse__Output>): grpc.ClientUnaryCall;
  getManifest(argument: _netswarm_transfer_v1_GetManifestRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_netswarm_transfer_v1_GetManifestResponse__Output>): grpc.ClientUnaryCall;
  getManifest(argument: _netswarm_transfer_v1_GetManifestRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_transfer_v1_GetManifestResponse__Output>): grpc.ClientUnaryCall;
  getManifest(argument: _netswarm_transfer_v1_GetManifestRequest, callback: grpc.requestCallback<_netswarm_transfer_v1_GetManifestResponse__Output>): grpc.ClientUnaryCall;
  
  ListTransfers(argument: _netswarm_transfer_v1_ListTransfersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_transfer_v1_ListTransfersResponse__Output>): grpc.ClientUnaryCall;
  ListTransfers(argument: _netswarm_transfer_v1_ListTransfersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_netswarm_transfer_v1_ListTransfersResponse__Output>): grpc.ClientUnaryCall;
  ListTransfers(argument: _netswarm_transfer_v1_ListTransfersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_transfer_v1_ListTransfersResponse__Output>): grpc.ClientUnaryCall;
  ListTransfers(argument: _netswarm_transfer_v1_ListTransfersRequest, callback: grpc.requestCallback<_netswarm_transfer_v1_ListTransfersResponse__Output>): grpc.ClientUnaryCall;
  listTransfers(argument: _netswarm_transfer_v1_ListTransfersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_transfer_v1_ListTransfersResponse__Output>): grpc.ClientUnaryCall;
  listTransfers(argument: _netswarm_transfer_v1_ListTransfersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_netswarm_transfer_v1_ListTransfersResponse__Output>): grpc.ClientUnaryCall;
  listTransfers(argument: _netswarm_transfer_v1_ListTransfersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_transfer_v1_ListTransfersResponse__Output>): grpc.ClientUnaryCall;
  listTransfers(argument: _netswarm_transfer_v1_ListTransfersRequest, callback: grpc.requestCallback<_netswarm_transfer_v1_ListTransfersResponse__Output>): grpc.ClientUnaryCall;
  
  PeerStats(argument: _netswarm_transfer_v1_PeerStatsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_transfer_v1_PeerStatsResponse__Output>): grpc.ClientUnaryCall;
  PeerStats(argument: _netswarm_transfer_v1_PeerStatsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_netswarm_transfer_v1_PeerStatsResponse__Output>): grpc.ClientUnaryCall;
  PeerStats(argument: _netswarm_transfer_v1_PeerStatsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_transfer_v1_PeerStatsResponse__Output>): grpc.ClientUnaryCall;
  PeerStats(argument: _netswarm_transfer_v1_PeerStatsRequest, callback: grpc.requestCallback<_netswarm_transfer_v1_PeerStatsResponse__Output>): grpc.ClientUnaryCall;
  peerStats(argument: _netswarm_transfer_v1_PeerStatsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_transfer_v1_PeerStatsResponse__Output>): grpc.ClientUnaryCall;
  peerStats(argument: _netswarm_transfer_v1_PeerStatsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_netswarm_transfer_v1_PeerStatsResponse__Output>): grpc.ClientUnaryCall;
  peerStats(argument: _netswarm_transfer_v1_PeerStatsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_transfer_v1_PeerStatsResponse__Output>): grpc.ClientUnaryCall;
  peerStats(argument: _netswarm_transfer_v1_PeerStatsRequest, callback: grpc.requestCallback<_netswarm_transfer_v1_PeerStatsResponse__Output>): grpc.ClientUnaryCall;
  
  Publish(metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_transfer_v1_PublishResponse__Output>): grpc.ClientWritableStream<_netswarm_transfer_v1_PublishRequest>;
  Publish(metadata: grpc.Metadata, callback: grpc.requestCallback<_netswarm_transfer_v1_PublishResponse__Output>): grpc.ClientWritableStream<_netswarm_transfer_v1_PublishRequest>;
  Publish(options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_transfer_v1_PublishResponse__Output>): grpc.ClientWritableStream<_netswarm_transfer_v1_PublishRequest>;
  Publish(callback: grpc.requestCallback<_netswarm_transfer_v1_PublishResponse__Output>): grpc.ClientWritableStream<_netswarm_transfer_v1_PublishRequest>;
  publish(metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_transfer_v1_PublishResponse__Output>): grpc.ClientWritableStream<_netswarm_transfer_v1_PublishRequest>;
  publish(metadata: grpc.Metadata, callback: grpc.requestCallback<_netswarm_transfer_v1_PublishResponse__Output>): grpc.ClientWritableStream<_netswarm_transfer_v1_PublishRequest>;
  publish(options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_transfer_v1_PublishResponse__Output>): grpc.ClientWritableStream<_netswarm_transfer_v1_PublishRequest>;
  publish(callback: grpc.requestCallback<_netswarm_transfer_v1_PublishResponse__Output>): grpc.ClientWritableStream<_netswarm_transfer_v1_PublishRequest>;
  
  ReadFile(argument: _netswarm_transfer_v1_ReadFileRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_netswarm_transfer_v1_ReadFileResponse__Output>;
  ReadFile(argument: _netswarm_transfer_v1_ReadFileRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_netswarm_transfer_v1_ReadFileResponse__Output>;
  readFile(argument: _netswarm_transfer_v1_ReadFileRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_netswarm_transfer_v1_ReadFileResponse__Output>;
  readFile(argument: _netswarm_transfer_v1_ReadFileRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_netswarm_transfer_v1_ReadFileResponse__Output>;
  
  Replicate(argument: _netswarm_transfer_v1_ReplicateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_transfer_v1_ReplicateResponse__Output>): grpc.ClientUnaryCall;
  Replicate(argument: _netswarm_transfer_v1_ReplicateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_netswarm_transfer_v1_ReplicateResponse__Output>): grpc.ClientUnaryCall;
  Replicate(argument: _netswarm_transfer_v1_ReplicateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_transfer_v1_ReplicateResponse__Output>): grpc.ClientUnaryCall;
  Replicate(argument: _netswarm_transfer_v1_ReplicateRequest, callback: grpc.requestCallback<_netswarm_transfer_v1_ReplicateResponse__Output>): grpc.ClientUnaryCall;
  replicate(argument: _netswarm_transfer_v1_ReplicateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_transfer_v1_ReplicateResponse__Output>): grpc.ClientUnaryCall;
  replicate(argument: _netswarm_transfer_v1_ReplicateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_netswarm_transfer_v1_ReplicateResponse__Output>): grpc.ClientUnaryCall;
  replicate(argument: _netswarm_transfer_v1_ReplicateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_transfer_v1_ReplicateResponse__Output>): grpc.ClientUnaryCall;
  replicate(argument: _netswarm_transfer_v1_ReplicateRequest, callback: grpc.requestCallback<_netswarm_transfer_v1_ReplicateResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface TransferServiceHandlers extends grpc.UntypedServiceImplementation {
  Fetch: grpc.handleServerStreamingCall<_netswarm_transfer_v1_FetchRequest__Output, _netswarm_transfer_v1_FetchProgress>;
  
  GetManifest: grpc.handleUnaryCall<_netswarm_transfer_v1_GetManifestRequest__Output, _netswarm_transfer_v1_GetManifestResponse>;
  
  ListTransfers: grpc.handleUnaryCall<_netswarm_transfer_v1_ListTransfersRequest__Output, _netswarm_transfer_v1_ListTransfersResponse>;
  
  PeerStats: grpc.handleUnaryCall<_netswarm_transfer_v1_PeerStatsRequest__Output, _netswarm_transfer_v1_PeerStatsResponse>;
  
  Publish: grpc.handleClientStreamingCall<_netswarm_transfer_v1_PublishRequest__Output, _netswarm_transfer_v1_PublishResponse>;
  
  ReadFile: grpc.handleServerStreamingCall<_netswarm_transfer_v1_ReadFileRequest__Output, _netswarm_transfer_v1_ReadFileResponse>;
  
  Replicate: grpc.handleUnaryCall<_netswarm_transfer_v1_ReplicateRequest__Output, _netswarm_transfer_v1_ReplicateResponse>;
  
}

export interface TransferServiceDefinition extends grpc.ServiceDefinition {
  Fetch: MethodDefinition<_netswarm_transfer_v1_FetchRequest, _netswarm_transfer_v1_FetchProgress, _netswarm_transfer_v1_FetchRequest__Output, _netswarm_transfer_v1_FetchProgress__Output>
  GetManifest: MethodDefinition<_netswarm_transfer_v1_GetManifestRequest, _netswarm_transfer_v1_GetManifestResponse, _netswarm_transfer_v1_GetManifestRequest__Output, _netswarm_transfer_v1_GetManifestResponse__Output>
  ListTransfers: MethodDefinition<_netswarm_transfer_v1_ListTransfersRequest, _netswarm_transfer_v1_ListTransfersResponse, _netswarm_transfer_v1_ListTransfersRequest__Output, _netswarm_transfer_v1_ListTransfersResponse__Output>
  PeerStats: MethodDefinition<_netswarm_transfer_v1_PeerStatsRequest, _netswarm_transfer_v1_PeerStatsResponse, _netswarm_transfer_v1_PeerStatsRequest__Output, _netswarm_transfer_v1_PeerStatsResponse__Output>
  Publish: MethodDefinition<_netswarm_transfer_v1_PublishRequest, _netswarm_transfer_v1_PublishResponse, _netswarm_transfer_v1_PublishRequest__Output, _netswarm_transfer_v1_PublishResponse__Output>
  ReadFile: MethodDefinition<_netswarm_transfer_v1_ReadFileRequest, _netswarm_transfer_v1_ReadFileResponse, _netswarm_transfer_v1_ReadFileRequest__Output, _netswarm_transfer_v1_ReadFileResponse__Output>
  Replicate: MethodDefinition<_netswarm_transfer_v1_ReplicateRequest, _netswarm_transfer_v1_ReplicateResponse, _netswarm_transfer_v1_ReplicateRequest__Output, _netswarm_transfer_v1_ReplicateResponse__Output>
}
