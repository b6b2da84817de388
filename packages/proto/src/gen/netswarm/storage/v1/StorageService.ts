// Original file: proto/netswarm/storage/v1/storage.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { GetStatsRequest as _netswarm_storage_v1_GetStatsRequest, GetStatsRequest__Output as _netswarm_storage_v1_GetStatsRequest__Output } from '../../../netswarm/storage/v1/GetStatsRequest.js';
import type { GetStatsResponse as _netswarm_storage_v1_GetStatsResponse, GetStatsResponse__Output as _netswarm_storage_v1_GetStatsResponse__Output } from '../../../netswarm/storage/v1/GetStatsResponse.js';

export interface StorageServiceClient extends grpc.Client {
  GetStats(argument: _netswarm_storage_v1_GetStatsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_storage_v1_GetStatsResponse__Output>): grpc.ClientUnaryCall;
  GetStats(argument: _netswarm_storage_v1_GetStatsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_netswarm_storage_v1_GetStatsResponse__Output>): grpc.ClientUnaryCall;
  GetStats(argument: _netswarm_storage_v1_GetStatsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_storage_v1_GetStatsResponse__Output>): grpc.ClientUnaryCall;
  GetStats(argument: _netswarm_storage_v1_GetStatsRequest, callback: grpc.requestCallback<_netswarm_storage_v1_GetStatsResponse__Output>): grpc.ClientUnaryCall;
  getStats(argument: _netswarm_storage_v1_GetStatsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_storage_v1_GetStatsResponse__Output>): grpc.ClientUnaryCall;
  getStats(argument: _netswarm_storage_v1_GetStatsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_netswarm_storage_v1_GetStatsResponse__Output>): grpc.ClientUnaryCall;
  getStats(argument: _netswarm_storage_v1_GetStatsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_storage_v1_GetStatsResponse__Output>): grpc.ClientUnaryCall;
  getStats(argument: _netswarm_storage_v1_GetStatsRequest, callback: grpc.requestCallback<_netswarm_storage_v1_GetStatsResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface StorageServiceHandlers extends grpc.UntypedServiceImplementation {
  GetStats: grpc.handleUnaryCall<_netswarm_storage_v1_GetStatsRequest__Output, _netswarm_storage_v1_GetStatsResponse>;
  
}

export interface StorageServiceDefinition extends grpc.ServiceDefinition {
  GetStats: MethodDefinition<_netswarm_storage_v1_GetStatsRequest, _netswarm_storage_v1_GetStatsResponse, _netswarm_storage_v1_GetStatsRequest__Output, _netswarm_storage_v1_GetStatsResponse__Output>
}
