// Original file: proto/netswarm/transfer/v1/transfer.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { FetchProgress as _netswarm_transfer_v1_FetchProgress, FetchProgress__Output as _netswarm_transfer_v1_FetchProgress__Output } from '../../../netswarm/transfer/v1/FetchProgress.js';
import type { FetchRequest as _netswarm_transfer_v1_FetchRequest, FetchRequest__Output as _netswarm_transfer_v1_FetchRequest__Output } from '../../../netswarm/transfer/v1/FetchRequest.js';

export interface TransferServiceClient extends grpc.Client {
  Fetch(argument: _netswarm_transfer_v1_FetchRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_netswarm_transfer_v1_FetchProgress__Output>;
  Fetch(argument: _netswarm_transfer_v1_FetchRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_netswarm_transfer_v1_FetchProgress__Output>;
  fetch(argument: _netswarm_transfer_v1_FetchRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_netswarm_transfer_v1_FetchProgress__Output>;
  fetch(argument: _netswarm_transfer_v1_FetchRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_netswarm_transfer_v1_FetchProgress__Output>;
  
}

export interface TransferServiceHandlers extends grpc.UntypedServiceImplementation {
  Fetch: grpc.handleServerStreamingCall<_netswarm_transfer_v1_FetchRequest__Output, _netswarm_transfer_v1_FetchProgress>;
  
}

export interface TransferServiceDefinition extends grpc.ServiceDefinition {
  Fetch: MethodDefinition<_netswarm_transfer_v1_FetchRequest, _netswarm_transfer_v1_FetchProgress, _netswarm_transfer_v1_FetchRequest__Output, _netswarm_transfer_v1_FetchProgress__Output>
}
