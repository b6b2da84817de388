// Original file: proto/netswarm/dht/v1/dht.proto

import type * as grpc from "@grpc/grpc-js";
import type { MethodDefinition } from "@grpc/proto-loader";
import type {
	FindPeerRequest as _netswarm_dht_v1_FindPeerRequest,
	FindPeerRequest__Output as _netswarm_dht_v1_FindPeerRequest__Output,
} from "../../../netswarm/dht/v1/FindPeerRequest.js";
import type {
	FindPeerResponse as _netswarm_dht_v1_FindPeerResponse,
	FindPeerResponse__Output as _netswarm_dht_v1_FindPeerResponse__Output,
} from "../../../netswarm/dht/v1/FindPeerResponse.js";

export interface DhtServiceClient extends grpc.Client {
	FindPeer(
		argument: _netswarm_dht_v1_FindPeerRequest,
		metadata: grpc.Metadata,
		options: grpc.CallOptions,
		callback: grpc.requestCallback<_netswarm_dht_v1_FindPeerResponse__Output>,
	): grpc.ClientUnaryCall;
	FindPeer(
		argument: _netswarm_dht_v1_FindPeerRequest,
		metadata: grpc.Metadata,
		callback: grpc.requestCallback<_netswarm_dht_v1_FindPeerResponse__Output>,
	): grpc.ClientUnaryCall;
	FindPeer(
		argument: _netswarm_dht_v1_FindPeerRequest,
		options: grpc.CallOptions,
		callback: grpc.requestCallback<_netswarm_dht_v1_FindPeerResponse__Output>,
	): grpc.ClientUnaryCall;
	FindPeer(
		argument: _netswarm_dht_v1_FindPeerRequest,
		callback: grpc.requestCallback<_netswarm_dht_v1_FindPeerResponse__Output>,
	): grpc.ClientUnaryCall;
	findPeer(
		argument: _netswarm_dht_v1_FindPeerRequest,
		metadata: grpc.Metadata,
		options: grpc.CallOptions,
		callback: grpc.requestCallback<_netswarm_dht_v1_FindPeerResponse__Output>,
	): grpc.ClientUnaryCall;
	findPeer(
		argument: _netswarm_dht_v1_FindPeerRequest,
		metadata: grpc.Metadata,
		callback: grpc.requestCallback<_netswarm_dht_v1_FindPeerResponse__Output>,
	): grpc.ClientUnaryCall;
	findPeer(
		argument: _netswarm_dht_v1_FindPeerRequest,
		options: grpc.CallOptions,
		callback: grpc.requestCallback<_netswarm_dht_v1_FindPeerResponse__Output>,
	): grpc.ClientUnaryCall;
	findPeer(
		argument: _netswarm_dht_v1_FindPeerRequest,
		callback: grpc.requestCallback<_netswarm_dht_v1_FindPeerResponse__Output>,
	): grpc.ClientUnaryCall;
}

export interface DhtServiceHandlers extends grpc.UntypedServiceImplementation {
	FindPeer: grpc.handleUnaryCall<
		_netswarm_dht_v1_FindPeerRequest__Output,
		_netswarm_dht_v1_FindPeerResponse
	>;
}

export interface DhtServiceDefinition extends grpc.ServiceDefinition {
	FindPeer: MethodDefinition<
		_netswarm_dht_v1_FindPeerRequest,
		_netswarm_dht_v1_FindPeerResponse,
		_netswarm_dht_v1_FindPeerRequest__Output,
		_netswarm_dht_v1_FindPeerResponse__Output
	>;
}
