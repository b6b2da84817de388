// Original file: proto/netswarm/dht/v1/dht.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { DeliverShareRequest as _netswarm_dht_v1_DeliverShareRequest, DeliverShareRequest__Output as _netswarm_dht_v1_DeliverShareRequest__Output } from '../../../netswarm/dht/v1/DeliverShareRequest.js';
import type { DeliverShareResponse as _netswarm_dht_v1_DeliverShareResponse, DeliverShareResponse__Output as _netswarm_dht_v1_DeliverShareResponse__Output } from '../../../netswarm/dht/v1/DeliverShareResponse.js';
import type { Empty as _netswarm_common_v1_Empty, Empty__Output as _netswarm_common_v1_Empty__Output } from '../../../netswarm/common/v1/Empty.js';
import type { FindPeerRequest as _netswarm_dht_v1_FindPeerRequest, FindPeerRequest__Output as _netswarm_dht_v1_FindPeerRequest__Output } from '../../../netswarm/dht/v1/FindPeerRequest.js';
import type { FindPeerResponse as _netswarm_dht_v1_FindPeerResponse, FindPeerResponse__Output as _netswarm_dht_v1_FindPeerResponse__Output } from '../../../netswarm/dht/v1/FindPeerResponse.js';
import type { FindProvidersRequest as _netswarm_dht_v1_FindProvidersRequest, FindProvidersRequest__Output as _netswarm_dht_v1_FindProvidersRequest__Output } from '../../../netswarm/dht/v1/FindProvidersRequest.js';
import type { GetInboxRequest as _netswarm_dht_v1_GetInboxRequest, GetInboxRequest__Output as _netswarm_dht_v1_GetInboxRequest__Output } from '../../../netswarm/dht/v1/GetInboxRequest.js';
import type { GetInboxResponse as _netswarm_dht_v1_GetInboxResponse, GetInboxResponse__Output as _netswarm_dht_v1_GetInboxResponse__Output } from '../../../netswarm/dht/v1/GetInboxResponse.js';
import type { GetRecordRequest as _netswarm_dht_v1_GetRecordRequest, GetRecordRequest__Output as _netswarm_dht_v1_GetRecordRequest__Output } from '../../../netswarm/dht/v1/GetRecordRequest.js';
import type { GetRecordResponse as _netswarm_dht_v1_GetRecordResponse, GetRecordResponse__Output as _netswarm_dht_v1_GetRecordResponse__Output } from '../../../netswarm/dht/v1/GetRecordResponse.js';
import type { GetRoutingTableRequest as _netswarm_dht_v1_GetRoutingTableRequest, GetRoutingTableRequest__Output as _netswarm_dht_v1_GetRoutingTableRequest__Output } from '../../../netswarm/dht/v1/GetRoutingTableRequest.js';
import type { GetRoutingTableResponse as _netswarm_dht_v1_GetRoutingTableResponse, GetRoutingTableResponse__Output as _netswarm_dht_v1_GetRoutingTableResponse__Output } from '../../../netswarm/dht/v1/GetRoutingTableResponse.js';
import type { GetStatsRequest as _netswarm_dht_v1_GetStatsRequest, GetStatsRequest__Output as _netswarm_dht_v1_GetStatsRequest__Output } from '../../../netswarm/dht/v1/GetStatsRequest.js';
import type { GetStatsResponse as _netswarm_dht_v1_GetStatsResponse, GetStatsResponse__Output as _netswarm_dht_v1_GetStatsResponse__Output } from '../../../netswarm/dht/v1/GetStatsResponse.js';
import type { ProvideRequest as _netswarm_dht_v1_ProvideRequest, ProvideRequest__Output as _netswarm_dht_v1_ProvideRequest__Output } from '../../../netswarm/dht/v1/ProvideRequest.js';
import type { ProvideResponse as _netswarm_dht_v1_ProvideResponse, ProvideResponse__Output as _netswarm_dht_v1_ProvideResponse__Output } from '../../../netswarm/dht/v1/ProvideResponse.js';
import type { ProviderFound as _netswarm_dht_v1_ProviderFound, ProviderFound__Output as _netswarm_dht_v1_ProviderFound__Output } from '../../../netswarm/dht/v1/ProviderFound.js';
import type { PublishSearchEntryRequest as _netswarm_dht_v1_PublishSearchEntryRequest, PublishSearchEntryRequest__Output as _netswarm_dht_v1_PublishSearchEntryRequest__Output } from '../../../netswarm/dht/v1/PublishSearchEntryRequest.js';
import type { PublishSearchEntryResponse as _netswarm_dht_v1_PublishSearchEntryResponse, PublishSearchEntryResponse__Output as _netswarm_dht_v1_PublishSearchEntryResponse__Output } from '../../../netswarm/dht/v1/PublishSearchEntryResponse.js';
import type { PutRecordRequest as _netswarm_dht_v1_PutRecordRequest, PutRecordRequest__Output as _netswarm_dht_v1_PutRecordRequest__Output } from '../../../netswarm/dht/v1/PutRecordRequest.js';
import type { PutRecordResponse as _netswarm_dht_v1_PutRecordResponse, PutRecordResponse__Output as _netswarm_dht_v1_PutRecordResponse__Output } from '../../../netswarm/dht/v1/PutRecordResponse.js';
import type { SearchRequest as _netswarm_dht_v1_SearchRequest, SearchRequest__Output as _netswarm_dht_v1_SearchRequest__Output } from '../../../netswarm/dht/v1/SearchRequest.js';
import type { SearchResult as _netswarm_dht_v1_SearchResult, SearchResult__Output as _netswarm_dht_v1_SearchResult__Output } from '../../../netswarm/dht/v1/SearchResult.js';
import type { UnprovideRequest as _netswarm_dht_v1_UnprovideRequest, UnprovideRequest__Output as _netswarm_dht_v1_UnprovideRequest__Output } from '../../../netswarm/dht/v1/UnprovideRequest.js';
import type { UnpublishSearchEntryRequest as _netswarm_dht_v1_UnpublishSearchEntryRequest, UnpublishSearchEntryRequest__Output as _netswarm_dht_v1_UnpublishSearchEntryRequest__Output } from '../../../netswarm/dht/v1/UnpublishSearchEntryRequest.js';
import type { UnpublishSearchEntryResponse as _netswarm_dht_v1_UnpublishSearchEntryResponse, UnpublishSearchEntryResponse__Output as _netswarm_dht_v1_UnpublishSearchEntryResponse__Output } from '../../../netswarm/dht/v1/UnpublishSearchEntryResponse.js';

export interface DhtServiceClient extends grpc.Client {
  DeliverShare(argument: _netswarm_dht_v1_DeliverShareRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_dht_v1_DeliverShareResponse__Output>): grpc.ClientUnaryCall;
  DeliverShare(argument: _netswarm_dht_v1_DeliverShareRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_netswarm_dht_v1_DeliverShareResponse__Output>): grpc.ClientUnaryCall;
  DeliverShare(argument: _netswarm_dht_v1_DeliverShareRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_dht_v1_DeliverShareResponse__Output>): grpc.ClientUnaryCall;
  DeliverShare(argument: _netswarm_dht_v1_DeliverShareRequest, callback: grpc.requestCallback<_netswarm_dht_v1_DeliverShareResponse__Output>): grpc.ClientUnaryCall;
  deliverShare(argument: _netswarm_dht_v1_DeliverShareRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_dht_v1_DeliverShareResponse__Output>): grpc.ClientUnaryCall;
  deliverShare(argument: _netswarm_dht_v1_DeliverShareRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_netswarm_dht_v1_DeliverShareResponse__Output>): grpc.ClientUnaryCall;
  deliverShare(argument: _netswarm_dht_v1_DeliverShareRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_dht_v1_DeliverShareResponse__Output>): grpc.ClientUnaryCall;
  deliverShare(argument: _netswarm_dht_v1_DeliverShareRequest, callback: grpc.requestCallback<_netswarm_dht_v1_DeliverShareResponse__Output>): grpc.ClientUnaryCall;
  
  FindPeer(argument: _netswarm_dht_v1_FindPeerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_dht_v1_FindPeerResponse__Output>): grpc.ClientUnaryCall;
  FindPeer(argument: _netswarm_dht_v1_FindPeerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_netswarm_dht_v1_FindPeerResponse__Output>): grpc.ClientUnaryCall;
  FindPeer(argument: _netswarm_dht_v1_FindPeerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_dht_v1_FindPeerResponse__Output>): grpc.ClientUnaryCall;
  FindPeer(argument: _netswarm_dht_v1_FindPeerRequest, callback: grpc.requestCallback<_netswarm_dht_v1_FindPeerResponse__Output>): grpc.ClientUnaryCall;
  findPeer(argument: _netswarm_dht_v1_FindPeerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_dht_v1_FindPeerResponse__Output>): grpc.ClientUnaryCall;
  findPeer(argument: _netswarm_dht_v1_FindPeerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_netswarm_dht_v1_FindPeerResponse__Output>): grpc.ClientUnaryCall;
  findPeer(argument: _netswarm_dht_v1_FindPeerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_dht_v1_FindPeerResponse__Output>): grpc.ClientUnaryCall;
  findPeer(argument: _netswarm_dht_v1_FindPeerRequest, callback: grpc.requestCallback<_netswarm_dht_v1_FindPeerResponse__Output>): grpc.ClientUnaryCall;
  
  FindProviders(argument: _netswarm_dht_v1_FindProvidersRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_netswarm_dht_v1_ProviderFound__Output>;
  FindProviders(argument: _netswarm_dht_v1_FindProvidersRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_netswarm_dht_v1_ProviderFound__Output>;
  findProviders(argument: _netswarm_dht_v1_FindProvidersRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_netswarm_dht_v1_ProviderFound__Output>;
  findProviders(argument: _netswarm_dht_v1_FindProvidersRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_netswarm_dht_v1_ProviderFound__Output>;
  
  GetInbox(argument: _netswarm_dht_v1_GetInboxRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_dht_v1_GetInboxResponse__Output>): grpc.ClientUnaryCall;
  GetInbox(argument: _netswarm_dht_v1_GetInboxRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_netswarm_dht_v1_GetInboxResponse__Output>): grpc.ClientUnaryCall;
  GetInbox(argument: _netswarm_dht_v1_GetInboxRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_dht_v1_GetInboxResponse__Output>): grpc.ClientUnaryCall;
  GetInbox(argument: _netswarm_dht_v1_GetInboxRequest, callback: grpc.requestCallback<_netswarm_dht_v1_GetInboxResponse__Output>): grpc.ClientUnaryCall;
  getInbox(argument: _netswarm_dht_v1_GetInboxRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_dht_v1_GetInboxResponse__Output>): grpc.ClientUnaryCall;
  getInbox(argument: _netswarm_dht_v1_GetInboxRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_netswarm_dht_v1_GetInboxResponse__Output>): grpc.ClientUnaryCall;
  getInbox(argument: _netswarm_dht_v1_GetInboxRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_dht_v1_GetInboxResponse__Output>): grpc.ClientUnaryCall;
  getInbox(argument: _netswarm_dht_v1_GetInboxRequest, callback: grpc.requestCallback<_netswarm_dht_v1_GetInboxResponse__Output>): grpc.ClientUnaryCall;
  
  GetRecord(argument: _netswarm_dht_v1_GetRecordRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_dht_v1_GetRecordResponse__Output>): grpc.ClientUnaryCall;
  GetRecord(argument: _netswarm_dht_v1_GetRecordRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_netswarm_dht_v1_GetRecordResponse__Output>): grpc.ClientUnaryCall;
  GetRecord(argument: _netswarm_dht_v1_GetRecordRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_dht_v1_GetRecordResponse__Output>): grpc.ClientUnaryCall;
  GetRecord(argument: _netswarm_dht_v1_GetRecordRequest, callback: grpc.requestCallback<_netswarm_dht_v1_GetRecordResponse__Output>): grpc.ClientUnaryCall;
  getRecord(argument: _netswarm_dht_v1_GetRecordRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_dht_v1_GetRecordResponse__Output>): grpc.ClientUnaryCall;
  getRecord(argument: _netswarm_dht_v1_GetRecordRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_netswarm_dht_v1_GetRecordResponse__Output>): grpc.ClientUnaryCall;
  getRecord(argument: _netswarm_dht_v1_GetRecordRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_dht_v1_GetRecordResponse__Output>): grpc.ClientUnaryCall;
  getRecord(argument: _netswarm_dht_v1_GetRecordRequest, callback: grpc.requestCallback<_netswarm_dht_v1_GetRecordResponse__Output>): grpc.ClientUnaryCall;
  
  GetRoutingTable(argument: _netswarm_dht_v1_GetRoutingTableRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_dht_v1_GetRoutingTableResponse__Output>): grpc.ClientUnaryCall;
  GetRoutingTable(argument: _netswarm_dht_v1_GetRoutingTableRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_netswarm_dht_v1_GetRoutingTableResponse__Output>): grpc.ClientUnaryCall;
  GetRoutingTable(argument: _netswarm_dht_v1_GetRoutingTableRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_dht_v1_GetRoutingTableResponse__Output>): grpc.ClientUnaryCall;
  GetRoutingTable(argument: _netswarm_dht_v1_GetRoutingTableRequest, callback: grpc.requestCallback<_netswarm_dht_v1_GetRoutingTableResponse__Output>): grpc.ClientUnaryCall;
  getRoutingTable(argument: _netswarm_dht_v1_GetRoutingTableRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_dht_v1_GetRoutingTableResponse__Output>): grpc.ClientUnaryCall;
  getRoutingTable(argument: _netswarm_dht_v1_GetRoutingTableRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_netswarm_dht_v1_GetRoutingTableResponse__Output>): grpc.ClientUnaryCall;
  getRoutingTable(argument: _netswarm_dht_v1_GetRoutingTableRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_dht_v1_GetRoutingTableResponse__Output>): grpc.ClientUnaryCall;
  getRoutingTable(argument: _netswarm_dht_v1_GetRoutingTableRequest, callback: grpc.requestCallback<_netswarm_dht_v1_GetRoutingTableResponse__Output>): grpc.ClientUnaryCall;
  
  GetStats(argument: _netswarm_dht_v1_GetStatsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_dht_v1_GetStatsResponse__Output>): grpc.ClientUnaryCall;
  GetStats(argument: _netswarm_dht_v1_GetStatsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_netswarm_dht_v1_GetStatsResponse__Output>): grpc.ClientUnaryCall;
  GetStats(argument: _netswarm_dht_v1_GetStatsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_dht_v1_GetStatsResponse__Output>): grpc.ClientUnaryCall;
  GetStats(argument: _netswarm_dht_v1_GetStatsRequest, callback: grpc.requestCallback<_netswarm_dht_v1_GetStatsResponse__Output>): grpc.ClientUnaryCall;
  getStats(argument: _netswarm_dht_v1_GetStatsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_dht_v1_GetStatsResponse__Output>): grpc.ClientUnaryCall;
  getStats(argument: _netswarm_dht_v1_GetStatsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_netswarm_dht_v1_GetStatsResponse__Output>): grpc.ClientUnaryCall;
  getStats(argument: _netswarm_dht_v1_GetStatsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_dht_v1_GetStatsResponse__Output>): grpc.ClientUnaryCall;
  getStats(argument: _netswarm_dht_v1_GetStatsRequest, callback: grpc.requestCallback<_netswarm_dht_v1_GetStatsResponse__Output>): grpc.ClientUnaryCall;
  
  Provide(argument: _netswarm_dht_v1_ProvideRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_dht_v1_ProvideResponse__Output>): grpc.ClientUnaryCall;
  Provide(argument: _netswarm_dht_v1_ProvideRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_netswarm_dht_v1_ProvideResponse__Output>): grpc.ClientUnaryCall;
  Provide(argument: _netswarm_dht_v1_ProvideRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_dht_v1_ProvideResponse__Output>): grpc.ClientUnaryCall;
  Provide(argument: _netswarm_dht_v1_ProvideRequest, callback: grpc.requestCallback<_netswarm_dht_v1_ProvideResponse__Output>): grpc.ClientUnaryCall;
  provide(argument: _netswarm_dht_v1_ProvideRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_dht_v1_ProvideResponse__Output>): grpc.ClientUnaryCall;
  provide(argument: _netswarm_dht_v1_ProvideRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_netswarm_dht_v1_ProvideResponse__Output>): grpc.ClientUnaryCall;
  provide(argument: _netswarm_dht_v1_ProvideRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_dht_v1_ProvideResponse__Output>): grpc.ClientUnaryCall;
  provide(argument: _netswarm_dht_v1_ProvideRequest, callback: grpc.requestCallback<_netswarm_dht_v1_ProvideResponse__Output>): grpc.ClientUnaryCall;
  
  PublishSearchEntry(argument: _netswarm_dht_v1_PublishSearchEntryRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_dht_v1_PublishSearchEntryResponse__Output>): grpc.ClientUnaryCall;
  PublishSearchEntry(argument: _netswarm_dht_v1_PublishSearchEntryRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_netswarm_dht_v1_PublishSearchEntryResponse__Output>): grpc.ClientUnaryCall;
  PublishSearchEntry(argument: _netswarm_dht_v1_PublishSearchEntryRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_dht_v1_PublishSearchEntryResponse__Output>): grpc.ClientUnaryCall;
  PublishSearchEntry(argument: _netswarm_dht_v1_PublishSearchEntryRequest, callback: grpc.requestCallback<_netswarm_dht_v1_PublishSearchEntryResponse__Output>): grpc.ClientUnaryCall;
  publishSearchEntry(argument: _netswarm_dht_v1_PublishSearchEntryRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_dht_v1_PublishSearchEntryResponse__Output>): grpc.ClientUnaryCall;
  publishSearchEntry(argument: _netswarm_dht_v1_PublishSearchEntryRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_netswarm_dht_v1_PublishSearchEntryResponse__Output>): grpc.ClientUnaryCall;
  publishSearchEntry(argument: _netswarm_dht_v1_PublishSearchEntryRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_dht_v1_PublishSearchEntryResponse__Output>): grpc.ClientUnaryCall;
  publishSearchEntry(argument: _netswarm_dht_v1_PublishSearchEntryRequest, callback: grpc.requestCallback<_netswarm_dht_v1_PublishSearchEntryResponse__Output>): grpc.ClientUnaryCall;
  
  PutRecord(argument: _netswarm_dht_v1_PutRecordRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_dht_v1_PutRecordResponse__Output>): grpc.ClientUnaryCall;
  PutRecord(argument: _netswarm_dht_v1_PutRecordRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_netswarm_dht_v1_PutRecordResponse__Output>): grpc.ClientUnaryCall;
  PutRecord(argument: _netswarm_dht_v1_PutRecordRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_dht_v1_PutRecordResponse__Output>): grpc.ClientUnaryCall;
  PutRecord(argument: _netswarm_dht_v1_PutRecordRequest, callback: grpc.requestCallback<_netswarm_dht_v1_PutRecordResponse__Output>): grpc.ClientUnaryCall;
  putRecord(argument: _netswarm_dht_v1_PutRecordRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_dht_v1_PutRecordResponse__Output>): grpc.ClientUnaryCall;
  putRecord(argument: _netswarm_dht_v1_PutRecordRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_netswarm_dht_v1_PutRecordResponse__Output>): grpc.ClientUnaryCall;
  putRecord(argument: _netswarm_dht_v1_PutRecordRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_dht_v1_PutRecordResponse__Output>): grpc.ClientUnaryCall;
  putRecord(argument: _netswarm_dht_v1_PutRecordRequest, callback: grpc.requestCallback<_netswarm_dht_v1_PutRecordResponse__Output>): grpc.ClientUnaryCall;
  
  Search(argument: _netswarm_dht_v1_SearchRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_netswarm_dht_v1_SearchResult__Output>;
  Search(argument: _netswarm_dht_v1_SearchRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_netswarm_dht_v1_SearchResult__Output>;
  search(argument: _netswarm_dht_v1_SearchRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_netswarm_dht_v1_SearchResult__Output>;
  search(argument: _netswarm_dht_v1_SearchRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_netswarm_dht_v1_SearchResult__Output>;
  
  Unprovide(argument: _netswarm_dht_v1_UnprovideRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_common_v1_Empty__Output>): grpc.ClientUnaryCall;
  Unprovide(argument: _netswarm_dht_v1_UnprovideRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_netswarm_common_v1_Empty__Output>): grpc.ClientUnaryCall;
  Unprovide(argument: _netswarm_dht_v1_UnprovideRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_common_v1_Empty__Output>): grpc.ClientUnaryCall;
  Unprovide(argument: _netswarm_dht_v1_UnprovideRequest, callback: grpc.requestCallback<_netswarm_common_v1_Empty__Output>): grpc.ClientUnaryCall;
  unprovide(argument: _netswarm_dht_v1_UnprovideRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_common_v1_Empty__Output>): grpc.ClientUnaryCall;
  unprovide(argument: _netswarm_dht_v1_UnprovideRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_netswarm_common_v1_Empty__Output>): grpc.ClientUnaryCall;
  unprovide(argument: _netswarm_dht_v1_UnprovideRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_common_v1_Empty__Output>): grpc.ClientUnaryCall;
  unprovide(argument: _netswarm_dht_v1_UnprovideRequest, callback: grpc.requestCallback<_netswarm_common_v1_Empty__Output>): grpc.ClientUnaryCall;
  
  UnpublishSearchEntry(argument: _netswarm_dht_v1_UnpublishSearchEntryRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_dht_v1_UnpublishSearchEntryResponse__Output>): grpc.ClientUnaryCall;
  UnpublishSearchEntry(argument: _netswarm_dht_v1_UnpublishSearchEntryRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_netswarm_dht_v1_UnpublishSearchEntryResponse__Output>): grpc.ClientUnaryCall;
  UnpublishSearchEntry(argument: _netswarm_dht_v1_UnpublishSearchEntryRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_dht_v1_UnpublishSearchEntryResponse__Output>): grpc.ClientUnaryCall;
  UnpublishSearchEntry(argument: _netswarm_dht_v1_UnpublishSearchEntryRequest, callback: grpc.requestCallback<_netswarm_dht_v1_UnpublishSearchEntryResponse__Output>): grpc.ClientUnaryCall;
  unpublishSearchEntry(argument: _netswarm_dht_v1_UnpublishSearchEntryRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_dht_v1_UnpublishSearchEntryResponse__Output>): grpc.ClientUnaryCall;
  unpublishSearchEntry(argument: _netswarm_dht_v1_UnpublishSearchEntryRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_netswarm_dht_v1_UnpublishSearchEntryResponse__Output>): grpc.ClientUnaryCall;
  unpublishSearchEntry(argument: _netswarm_dht_v1_UnpublishSearchEntryRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_netswarm_dht_v1_UnpublishSearchEntryResponse__Output>): grpc.ClientUnaryCall;
  unpublishSearchEntry(argument: _netswarm_dht_v1_UnpublishSearchEntryRequest, callback: grpc.requestCallback<_netswarm_dht_v1_UnpublishSearchEntryResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface DhtServiceHandlers extends grpc.UntypedServiceImplementation {
  DeliverShare: grpc.handleUnaryCall<_netswarm_dht_v1_DeliverShareRequest__Output, _netswarm_dht_v1_DeliverShareResponse>;
  
  FindPeer: grpc.handleUnaryCall<_netswarm_dht_v1_FindPeerRequest__Output, _netswarm_dht_v1_FindPeerResponse>;
  
  FindProviders: grpc.handleServerStreamingCall<_netswarm_dht_v1_FindProvidersRequest__Output, _netswarm_dht_v1_ProviderFound>;
  
  GetInbox: grpc.handleUnaryCall<_netswarm_dht_v1_GetInboxRequest__Output, _netswarm_dht_v1_GetInboxResponse>;
  
  GetRecord: grpc.handleUnaryCall<_netswarm_dht_v1_GetRecordRequest__Output, _netswarm_dht_v1_GetRecordResponse>;
  
  GetRoutingTable: grpc.handleUnaryCall<_netswarm_dht_v1_GetRoutingTableRequest__Output, _netswarm_dht_v1_GetRoutingTableResponse>;
  
  GetStats: grpc.handleUnaryCall<_netswarm_dht_v1_GetStatsRequest__Output, _netswarm_dht_v1_GetStatsResponse>;
  
  Provide: grpc.handleUnaryCall<_netswarm_dht_v1_ProvideRequest__Output, _netswarm_dht_v1_ProvideResponse>;
  
  PublishSearchEntry: grpc.handleUnaryCall<_netswarm_dht_v1_PublishSearchEntryRequest__Output, _netswarm_dht_v1_PublishSearchEntryResponse>;
  
  PutRecord: grpc.handleUnaryCall<_netswarm_dht_v1_PutRecordRequest__Output, _netswarm_dht_v1_PutRecordResponse>;
  
  Search: grpc.handleServerStreamingCall<_netswarm_dht_v1_SearchRequest__Output, _netswarm_dht_v1_SearchResult>;
  
  Unprovide: grpc.handleUnaryCall<_netswarm_dht_v1_UnprovideRequest__Output, _netswarm_common_v1_Empty>;
  
  UnpublishSearchEntry: grpc.handleUnaryCall<_netswarm_dht_v1_UnpublishSearchEntryRequest__Output, _netswarm_dht_v1_UnpublishSearchEntryResponse>;
  
}

export interface DhtServiceDefinition extends grpc.ServiceDefinition {
  DeliverShare: MethodDefinition<_netswarm_dht_v1_DeliverShareRequest, _netswarm_dht_v1_DeliverShareResponse, _netswarm_dht_v1_DeliverShareRequest__Output, _netswarm_dht_v1_DeliverShareResponse__Output>
  FindPeer: MethodDefinition<_netswarm_dht_v1_FindPeerRequest, _netswarm_dht_v1_FindPeerResponse, _netswarm_dht_v1_FindPeerRequest__Output, _netswarm_dht_v1_FindPeerResponse__Output>
  FindProviders: MethodDefinition<_netswarm_dht_v1_FindProvidersRequest, _netswarm_dht_v1_ProviderFound, _netswarm_dht_v1_FindProvidersRequest__Output, _netswarm_dht_v1_ProviderFound__Output>
  GetInbox: MethodDefinition<_netswarm_dht_v1_GetInboxRequest, _netswarm_dht_v1_GetInboxResponse, _netswarm_dht_v1_GetInboxRequest__Output, _netswarm_dht_v1_GetInboxResponse__Output>
  GetRecord: MethodDefinition<_netswarm_dht_v1_GetRecordRequest, _netswarm_dht_v1_GetRecordResponse, _netswarm_dht_v1_GetRecordRequest__Output, _netswarm_dht_v1_GetRecordResponse__Output>
  GetRoutingTable: MethodDefinition<_netswarm_dht_v1_GetRoutingTableRequest, _netswarm_dht_v1_GetRoutingTableResponse, _netswarm_dht_v1_GetRoutingTableRequest__Output, _netswarm_dht_v1_GetRoutingTableResponse__Output>
  GetStats: MethodDefinition<_netswarm_dht_v1_GetStatsRequest, _netswarm_dht_v1_GetStatsResponse, _netswarm_dht_v1_GetStatsRequest__Output, _netswarm_dht_v1_GetStatsResponse__Output>
  Provide: MethodDefinition<_netswarm_dht_v1_ProvideRequest, _netswarm_dht_v1_ProvideResponse, _netswarm_dht_v1_ProvideRequest__Output, _netswarm_dht_v1_ProvideResponse__Output>
  PublishSearchEntry: MethodDefinition<_netswarm_dht_v1_PublishSearchEntryRequest, _netswarm_dht_v1_PublishSearchEntryResponse, _netswarm_dht_v1_PublishSearchEntryRequest__Output, _netswarm_dht_v1_PublishSearchEntryResponse__Output>
  PutRecord: MethodDefinition<_netswarm_dht_v1_PutRecordRequest, _netswarm_dht_v1_PutRecordResponse, _netswarm_dht_v1_PutRecordRequest__Output, _netswarm_dht_v1_PutRecordResponse__Output>
  Search: MethodDefinition<_netswarm_dht_v1_SearchRequest, _netswarm_dht_v1_SearchResult, _netswarm_dht_v1_SearchRequest__Output, _netswarm_dht_v1_SearchResult__Output>
  Unprovide: MethodDefinition<_netswarm_dht_v1_UnprovideRequest, _netswarm_common_v1_Empty, _netswarm_dht_v1_UnprovideRequest__Output, _netswarm_common_v1_Empty__Output>
  UnpublishSearchEntry: MethodDefinition<_netswarm_dht_v1_UnpublishSearchEntryRequest, _netswarm_dht_v1_UnpublishSearchEntryResponse, _netswarm_dht_v1_UnpublishSearchEntryRequest__Output, _netswarm_dht_v1_UnpublishSearchEntryResponse__Output>
}
