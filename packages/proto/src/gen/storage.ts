import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { GetStatsRequest as _netswarm_storage_v1_GetStatsRequest, GetStatsRequest__Output as _netswarm_storage_v1_GetStatsRequest__Output } from './netswarm/storage/v1/GetStatsRequest.js';
import type { GetStatsResponse as _netswarm_storage_v1_GetStatsResponse, GetStatsResponse__Output as _netswarm_storage_v1_GetStatsResponse__Output } from './netswarm/storage/v1/GetStatsResponse.js';
import type { StorageServiceClient as _netswarm_storage_v1_StorageServiceClient, StorageServiceDefinition as _netswarm_storage_v1_StorageServiceDefinition } from './netswarm/storage/v1/StorageService.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  netswarm: {
    storage: {
      v1: {
        GetStatsRequest: MessageTypeDefinition<_netswarm_storage_v1_GetStatsRequest, _netswarm_storage_v1_GetStatsRequest__Output>
        GetStatsResponse: MessageTypeDefinition<_netswarm_storage_v1_GetStatsResponse, _netswarm_storage_v1_GetStatsResponse__Output>
        StorageService: SubtypeConstructor<typeof grpc.Client, _netswarm_storage_v1_StorageServiceClient> & { service: _netswarm_storage_v1_StorageServiceDefinition }
      }
    }
  }
}

