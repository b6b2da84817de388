import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { FetchProgress as _netswarm_transfer_v1_FetchProgress, FetchProgress__Output as _netswarm_transfer_v1_FetchProgress__Output } from './netswarm/transfer/v1/FetchProgress.js';
import type { FetchRequest as _netswarm_transfer_v1_FetchRequest, FetchRequest__Output as _netswarm_transfer_v1_FetchRequest__Output } from './netswarm/transfer/v1/FetchRequest.js';
import type { FileInfo as _netswarm_transfer_v1_FileInfo, FileInfo__Output as _netswarm_transfer_v1_FileInfo__Output } from './netswarm/transfer/v1/FileInfo.js';
import type { GetManifestRequest as _netswarm_transfer_v1_GetManifestRequest, GetManifestRequest__Output as _netswarm_transfer_v1_GetManifestRequest__Output } from './netswarm/transfer/v1/GetManifestRequest.js';
import type { GetManifestResponse as _netswarm_transfer_v1_GetManifestResponse, GetManifestResponse__Output as _netswarm_transfer_v1_GetManifestResponse__Output } from './netswarm/transfer/v1/GetManifestResponse.js';
import type { ListTransfersRequest as _netswarm_transfer_v1_ListTransfersRequest, ListTransfersRequest__Output as _netswarm_transfer_v1_ListTransfersRequest__Output } from './netswarm/transfer/v1/ListTransfersRequest.js';
import type { ListTransfersResponse as _netswarm_transfer_v1_ListTransfersResponse, ListTransfersResponse__Output as _netswarm_transfer_v1_ListTransfersResponse__Output } from './netswarm/transfer/v1/ListTransfersResponse.js';
import type { PeerRate as _netswarm_transfer_v1_PeerRate, PeerRate__Output as _netswarm_transfer_v1_PeerRate__Output } from './netswarm/transfer/v1/PeerRate.js';
import type { PeerStat as _netswarm_transfer_v1_PeerStat, PeerStat__Output as _netswarm_transfer_v1_PeerStat__Output } from './netswarm/transfer/v1/PeerStat.js';
import type { PeerStatsRequest as _netswarm_transfer_v1_PeerStatsRequest, PeerStatsRequest__Output as _netswarm_transfer_v1_PeerStatsRequest__Output } from './netswarm/transfer/v1/PeerStatsRequest.js';
import type { PeerStatsResponse as _netswarm_transfer_v1_PeerStatsResponse, PeerStatsResponse__Output as _netswarm_transfer_v1_PeerStatsResponse__Output } from './netswarm/transfer/v1/PeerStatsResponse.js';
import type { PublishHeader as _netswarm_transfer_v1_PublishHeader, PublishHeader__Output as _netswarm_transfer_v1_PublishHeader__Output } from './netswarm/transfer/v1/PublishHeader.js';
import type { PublishRequest as _netswarm_transfer_v1_PublishRequest, PublishRequest__Output as _netswarm_transfer_v1_PublishRequest__Output } from './netswarm/transfer/v1/PublishRequest.js';
import type { PublishResponse as _netswarm_transfer_v1_PublishResponse, PublishResponse__Output as _netswarm_transfer_v1_PublishResponse__Output } from './netswarm/transfer/v1/PublishResponse.js';
import type { ReadFileRequest as _netswarm_transfer_v1_ReadFileRequest, ReadFileRequest__Output as _netswarm_transfer_v1_ReadFileRequest__Output } from './netswarm/transfer/v1/ReadFileRequest.js';
import type { ReadFileResponse as _netswarm_transfer_v1_ReadFileResponse, ReadFileResponse__Output as _netswarm_transfer_v1_ReadFileResponse__Output } from './netswarm/transfer/v1/ReadFileResponse.js';
import type { ReplicateRequest as _netswarm_transfer_v1_ReplicateRequest, ReplicateRequest__Output as _netswarm_transfer_v1_ReplicateRequest__Output } from './netswarm/transfer/v1/ReplicateRequest.js';
import type { ReplicateResponse as _netswarm_transfer_v1_ReplicateResponse, ReplicateResponse__Output as _netswarm_transfer_v1_ReplicateResponse__Output } from './netswarm/transfer/v1/ReplicateResponse.js';
import type { TransferServiceClient as _netswarm_transfer_v1_TransferServiceClient, TransferServiceDefinition as _netswarm_transfer_v1_TransferServiceDefinition } from './netswarm/transfer/v1/TransferService.js';
import type { TransferSummary as _netswarm_transfer_v1_TransferSummary, TransferSummary__Output as _netswarm_transfer_v1_TransferSummary__Output } from './netswarm/transfer/v1/TransferSummary.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  netswarm: {
    transfer: {
      v1: {
        FetchProgress: MessageTypeDefinition<_netswarm_transfer_v1_FetchProgress, _netswarm_transfer_v1_FetchProgress__Output>
        FetchRequest: MessageTypeDefinition<_netswarm_transfer_v1_FetchRequest, _netswarm_transfer_v1_FetchRequest__Output>
        FileInfo: MessageTypeDefinition<_netswarm_transfer_v1_FileInfo, _netswarm_transfer_v1_FileInfo__Output>
        GetManifestRequest: MessageTypeDefinition<_netswarm_transfer_v1_GetManifestRequest, _netswarm_transfer_v1_GetManifestRequest__Output>
        GetManifestResponse: MessageTypeDefinition<_netswarm_transfer_v1_GetManifestResponse, _netswarm_transfer_v1_GetManifestResponse__Output>
        ListTransfersRequest: MessageTypeDefinition<_netswarm_transfer_v1_ListTransfersRequest, _netswarm_transfer_v1_ListTransfersRequest__Output>
        ListTransfersResponse: MessageTypeDefinition<_netswarm_transfer_v1_ListTransfersResponse, _netswarm_transfer_v1_ListTransfersResponse__Output>
        PeerRate: MessageTypeDefinition<_netswarm_transfer_v1_PeerRate, _netswarm_transfer_v1_PeerRate__Output>
        PeerStat: MessageTypeDefinition<_netswarm_transfer_v1_PeerStat, _netswarm_transfer_v1_PeerStat__Output>
        PeerStatsRequest: MessageTypeDefinition<_netswarm_transfer_v1_PeerStatsRequest, _netswarm_transfer_v1_PeerStatsRequest__Output>
        PeerStatsResponse: MessageTypeDefinition<_netswarm_transfer_v1_PeerStatsResponse, _netswarm_transfer_v1_PeerStatsResponse__Output>
        PublishHeader: MessageTypeDefinition<_netswarm_transfer_v1_PublishHeader, _netswarm_transfer_v1_PublishHeader__Output>
        PublishRequest: MessageTypeDefinition<_netswarm_transfer_v1_PublishRequest, _netswarm_transfer_v1_PublishRequest__Output>
        PublishResponse: MessageTypeDefinition<_netswarm_transfer_v1_PublishResponse, _netswarm_transfer_v1_PublishResponse__Output>
        ReadFileRequest: MessageTypeDefinition<_netswarm_transfer_v1_ReadFileRequest, _netswarm_transfer_v1_ReadFileRequest__Output>
        ReadFileResponse: MessageTypeDefinition<_netswarm_transfer_v1_ReadFileResponse, _netswarm_transfer_v1_ReadFileResponse__Output>
        ReplicateRequest: MessageTypeDefinition<_netswarm_transfer_v1_ReplicateRequest, _netswarm_transfer_v1_ReplicateRequest__Output>
        ReplicateResponse: MessageTypeDefinition<_netswarm_transfer_v1_ReplicateResponse, _netswarm_transfer_v1_ReplicateResponse__Output>
        TransferKind: EnumTypeDefinition
        TransferService: SubtypeConstructor<typeof grpc.Client, _netswarm_transfer_v1_TransferServiceClient> & { service: _netswarm_transfer_v1_TransferServiceDefinition }
        TransferState: EnumTypeDefinition
        TransferSummary: MessageTypeDefinition<_netswarm_transfer_v1_TransferSummary, _netswarm_transfer_v1_TransferSummary__Output>
      }
    }
  }
}

