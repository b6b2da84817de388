import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { FetchProgress as _netswarm_transfer_v1_FetchProgress, FetchProgress__Output as _netswarm_transfer_v1_FetchProgress__Output } from './netswarm/transfer/v1/FetchProgress.js';
import type { FetchRequest as _netswarm_transfer_v1_FetchRequest, FetchRequest__Output as _netswarm_transfer_v1_FetchRequest__Output } from './netswarm/transfer/v1/FetchRequest.js';
import type { TransferServiceClient as _netswarm_transfer_v1_TransferServiceClient, TransferServiceDefinition as _netswarm_transfer_v1_TransferServiceDefinition } from './netswarm/transfer/v1/TransferService.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  netswarm: {
    transfer: {
      v1: {
        FetchProgress: MessageTypeDefinition<_netswarm_transfer_v1_FetchProgress, _netswarm_transfer_v1_FetchProgress__Output>
        FetchRequest: MessageTypeDefinition<_netswarm_transfer_v1_FetchRequest, _netswarm_transfer_v1_FetchRequest__Output>
        TransferService: SubtypeConstructor<typeof grpc.Client, _netswarm_transfer_v1_TransferServiceClient> & { service: _netswarm_transfer_v1_TransferServiceDefinition }
      }
    }
  }
}

