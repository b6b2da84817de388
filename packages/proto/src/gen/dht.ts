import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { Empty as _netswarm_common_v1_Empty, Empty__Output as _netswarm_common_v1_Empty__Output } from './netswarm/common/v1/Empty.js';
import type { PeerInfo as _netswarm_common_v1_PeerInfo, PeerInfo__Output as _netswarm_common_v1_PeerInfo__Output } from './netswarm/common/v1/PeerInfo.js';
import type { Contact as _netswarm_dht_v1_Contact, Contact__Output as _netswarm_dht_v1_Contact__Output } from './netswarm/dht/v1/Contact.js';
import type { DeliverShareRequest as _netswarm_dht_v1_DeliverShareRequest, DeliverShareRequest__Output as _netswarm_dht_v1_DeliverShareRequest__Output } from './netswarm/dht/v1/DeliverShareRequest.js';
import type { DeliverShareResponse as _netswarm_dht_v1_DeliverShareResponse, DeliverShareResponse__Output as _netswarm_dht_v1_DeliverShareResponse__Output } from './netswarm/dht/v1/DeliverShareResponse.js';
import type { DhtServiceClient as _netswarm_dht_v1_DhtServiceClient, DhtServiceDefinition as _netswarm_dht_v1_DhtServiceDefinition } from './netswarm/dht/v1/DhtService.js';
import type { FindPeerRequest as _netswarm_dht_v1_FindPeerRequest, FindPeerRequest__Output as _netswarm_dht_v1_FindPeerRequest__Output } from './netswarm/dht/v1/FindPeerRequest.js';
import type { FindPeerResponse as _netswarm_dht_v1_FindPeerResponse, FindPeerResponse__Output as _netswarm_dht_v1_FindPeerResponse__Output } from './netswarm/dht/v1/FindPeerResponse.js';
import type { FindProvidersRequest as _netswarm_dht_v1_FindProvidersRequest, FindProvidersRequest__Output as _netswarm_dht_v1_FindProvidersRequest__Output } from './netswarm/dht/v1/FindProvidersRequest.js';
import type { GetInboxRequest as _netswarm_dht_v1_GetInboxRequest, GetInboxRequest__Output as _netswarm_dht_v1_GetInboxRequest__Output } from './netswarm/dht/v1/GetInboxRequest.js';
import type { GetInboxResponse as _netswarm_dht_v1_GetInboxResponse, GetInboxResponse__Output as _netswarm_dht_v1_GetInboxResponse__Output } from './netswarm/dht/v1/GetInboxResponse.js';
import type { GetRecordRequest as _netswarm_dht_v1_GetRecordRequest, GetRecordRequest__Output as _netswarm_dht_v1_GetRecordRequest__Output } from './netswarm/dht/v1/GetRecordRequest.js';
import type { GetRecordResponse as _netswarm_dht_v1_GetRecordResponse, GetRecordResponse__Output as _netswarm_dht_v1_GetRecordResponse__Output } from './netswarm/dht/v1/GetRecordResponse.js';
import type { GetRoutingTableRequest as _netswarm_dht_v1_GetRoutingTableRequest, GetRoutingTableRequest__Output as _netswarm_dht_v1_GetRoutingTableRequest__Output } from './netswarm/dht/v1/GetRoutingTableRequest.js';
import type { GetRoutingTableResponse as _netswarm_dht_v1_GetRoutingTableResponse, GetRoutingTableResponse__Output as _netswarm_dht_v1_GetRoutingTableResponse__Output } from './netswarm/dht/v1/GetRoutingTableResponse.js';
import type { GetStatsRequest as _netswarm_dht_v1_GetStatsRequest, GetStatsRequest__Output as _netswarm_dht_v1_GetStatsRequest__Output } from './netswarm/dht/v1/GetStatsRequest.js';
import type { GetStatsResponse as _netswarm_dht_v1_GetStatsResponse, GetStatsResponse__Output as _netswarm_dht_v1_GetStatsResponse__Output } from './netswarm/dht/v1/GetStatsResponse.js';
import type { MutableRecord as _netswarm_dht_v1_MutableRecord, MutableRecord__Output as _netswarm_dht_v1_MutableRecord__Output } from './netswarm/dht/v1/MutableRecord.js';
import type { ProvideRequest as _netswarm_dht_v1_ProvideRequest, ProvideRequest__Output as _netswarm_dht_v1_ProvideRequest__Output } from './netswarm/dht/v1/ProvideRequest.js';
import type { ProvideResponse as _netswarm_dht_v1_ProvideResponse, ProvideResponse__Output as _netswarm_dht_v1_ProvideResponse__Output } from './netswarm/dht/v1/ProvideResponse.js';
import type { ProviderFound as _netswarm_dht_v1_ProviderFound, ProviderFound__Output as _netswarm_dht_v1_ProviderFound__Output } from './netswarm/dht/v1/ProviderFound.js';
import type { PublishSearchEntryRequest as _netswarm_dht_v1_PublishSearchEntryRequest, PublishSearchEntryRequest__Output as _netswarm_dht_v1_PublishSearchEntryRequest__Output } from './netswarm/dht/v1/PublishSearchEntryRequest.js';
import type { PublishSearchEntryResponse as _netswarm_dht_v1_PublishSearchEntryResponse, PublishSearchEntryResponse__Output as _netswarm_dht_v1_PublishSearchEntryResponse__Output } from './netswarm/dht/v1/PublishSearchEntryResponse.js';
import type { PutRecordRequest as _netswarm_dht_v1_PutRecordRequest, PutRecordRequest__Output as _netswarm_dht_v1_PutRecordRequest__Output } from './netswarm/dht/v1/PutRecordRequest.js';
import type { PutRecordResponse as _netswarm_dht_v1_PutRecordResponse, PutRecordResponse__Output as _netswarm_dht_v1_PutRecordResponse__Output } from './netswarm/dht/v1/PutRecordResponse.js';
import type { SearchMetadata as _netswarm_dht_v1_SearchMetadata, SearchMetadata__Output as _netswarm_dht_v1_SearchMetadata__Output } from './netswarm/dht/v1/SearchMetadata.js';
import type { SearchRequest as _netswarm_dht_v1_SearchRequest, SearchRequest__Output as _netswarm_dht_v1_SearchRequest__Output } from './netswarm/dht/v1/SearchRequest.js';
import type { SearchResult as _netswarm_dht_v1_SearchResult, SearchResult__Output as _netswarm_dht_v1_SearchResult__Output } from './netswarm/dht/v1/SearchResult.js';
import type { ShareEnvelope as _netswarm_dht_v1_ShareEnvelope, ShareEnvelope__Output as _netswarm_dht_v1_ShareEnvelope__Output } from './netswarm/dht/v1/ShareEnvelope.js';
import type { UnprovideRequest as _netswarm_dht_v1_UnprovideRequest, UnprovideRequest__Output as _netswarm_dht_v1_UnprovideRequest__Output } from './netswarm/dht/v1/UnprovideRequest.js';
import type { UnpublishSearchEntryRequest as _netswarm_dht_v1_UnpublishSearchEntryRequest, UnpublishSearchEntryRequest__Output as _netswarm_dht_v1_UnpublishSearchEntryRequest__Output } from './netswarm/dht/v1/UnpublishSearchEntryRequest.js';
import type { UnpublishSearchEntryResponse as _netswarm_dht_v1_UnpublishSearchEntryResponse, UnpublishSearchEntryResponse__Output as _netswarm_dht_v1_UnpublishSearchEntryResponse__Output } from './netswarm/dht/v1/UnpublishSearchEntryResponse.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  netswarm: {
    common: {
      v1: {
        Empty: MessageTypeDefinition<_netswarm_common_v1_Empty, _netswarm_common_v1_Empty__Output>
        PeerInfo: MessageTypeDefinition<_netswarm_common_v1_PeerInfo, _netswarm_common_v1_PeerInfo__Output>
      }
    }
    dht: {
      v1: {
        Contact: MessageTypeDefinition<_netswarm_dht_v1_Contact, _netswarm_dht_v1_Contact__Output>
        DeliverShareRequest: MessageTypeDefinition<_netswarm_dht_v1_DeliverShareRequest, _netswarm_dht_v1_DeliverShareRequest__Output>
        DeliverShareResponse: MessageTypeDefinition<_netswarm_dht_v1_DeliverShareResponse, _netswarm_dht_v1_DeliverShareResponse__Output>
        DhtService: SubtypeConstructor<typeof grpc.Client, _netswarm_dht_v1_DhtServiceClient> & { service: _netswarm_dht_v1_DhtServiceDefinition }
        FindPeerRequest: MessageTypeDefinition<_netswarm_dht_v1_FindPeerRequest, _netswarm_dht_v1_FindPeerRequest__Output>
        FindPeerResponse: MessageTypeDefinition<_netswarm_dht_v1_FindPeerResponse, _netswarm_dht_v1_FindPeerResponse__Output>
        FindProvidersRequest: MessageTypeDefinition<_netswarm_dht_v1_FindProvidersRequest, _netswarm_dht_v1_FindProvidersRequest__Output>
        GetInboxRequest: MessageTypeDefinition<_netswarm_dht_v1_GetInboxRequest, _netswarm_dht_v1_GetInboxRequest__Output>
        GetInboxResponse: MessageTypeDefinition<_netswarm_dht_v1_GetInboxResponse, _netswarm_dht_v1_GetInboxResponse__Output>
        GetRecordRequest: MessageTypeDefinition<_netswarm_dht_v1_GetRecordRequest, _netswarm_dht_v1_GetRecordRequest__Output>
        GetRecordResponse: MessageTypeDefinition<_netswarm_dht_v1_GetRecordResponse, _netswarm_dht_v1_GetRecordResponse__Output>
        GetRoutingTableRequest: MessageTypeDefinition<_netswarm_dht_v1_GetRoutingTableRequest, _netswarm_dht_v1_GetRoutingTableRequest__Output>
        GetRoutingTableResponse: MessageTypeDefinition<_netswarm_dht_v1_GetRoutingTableResponse, _netswarm_dht_v1_GetRoutingTableResponse__Output>
        GetStatsRequest: MessageTypeDefinition<_netswarm_dht_v1_GetStatsRequest, _netswarm_dht_v1_GetStatsRequest__Output>
        GetStatsResponse: MessageTypeDefinition<_netswarm_dht_v1_GetStatsResponse, _netswarm_dht_v1_GetStatsResponse__Output>
        MutableRecord: MessageTypeDefinition<_netswarm_dht_v1_MutableRecord, _netswarm_dht_v1_MutableRecord__Output>
        ProvideRequest: MessageTypeDefinition<_netswarm_dht_v1_ProvideRequest, _netswarm_dht_v1_ProvideRequest__Output>
        ProvideResponse: MessageTypeDefinition<_netswarm_dht_v1_ProvideResponse, _netswarm_dht_v1_ProvideResponse__Output>
        ProviderFound: MessageTypeDefinition<_netswarm_dht_v1_ProviderFound, _netswarm_dht_v1_ProviderFound__Output>
        PublishSearchEntryRequest: MessageTypeDefinition<_netswarm_dht_v1_PublishSearchEntryRequest, _netswarm_dht_v1_PublishSearchEntryRequest__Output>
        PublishSearchEntryResponse: MessageTypeDefinition<_netswarm_dht_v1_PublishSearchEntryResponse, _netswarm_dht_v1_PublishSearchEntryResponse__Output>
        PutRecordRequest: MessageTypeDefinition<_netswarm_dht_v1_PutRecordRequest, _netswarm_dht_v1_PutRecordRequest__Output>
        PutRecordResponse: MessageTypeDefinition<_netswarm_dht_v1_PutRecordResponse, _netswarm_dht_v1_PutRecordResponse__Output>
        SearchMetadata: MessageTypeDefinition<_netswarm_dht_v1_SearchMetadata, _netswarm_dht_v1_SearchMetadata__Output>
        SearchRequest: MessageTypeDefinition<_netswarm_dht_v1_SearchRequest, _netswarm_dht_v1_SearchRequest__Output>
        SearchResult: MessageTypeDefinition<_netswarm_dht_v1_SearchResult, _netswarm_dht_v1_SearchResult__Output>
        ShareEnvelope: MessageTypeDefinition<_netswarm_dht_v1_ShareEnvelope, _netswarm_dht_v1_ShareEnvelope__Output>
        UnprovideRequest: MessageTypeDefinition<_netswarm_dht_v1_UnprovideRequest, _netswarm_dht_v1_UnprovideRequest__Output>
        UnpublishSearchEntryRequest: MessageTypeDefinition<_netswarm_dht_v1_UnpublishSearchEntryRequest, _netswarm_dht_v1_UnpublishSearchEntryRequest__Output>
        UnpublishSearchEntryResponse: MessageTypeDefinition<_netswarm_dht_v1_UnpublishSearchEntryResponse, _netswarm_dht_v1_UnpublishSearchEntryResponse__Output>
      }
    }
  }
}

