import type * as grpc from "@grpc/grpc-js";
import type { MessageTypeDefinition } from "@grpc/proto-loader";

import type {
	Empty as _netswarm_common_v1_Empty,
	Empty__Output as _netswarm_common_v1_Empty__Output,
} from "./netswarm/common/v1/Empty.js";
import type {
	PeerInfo as _netswarm_common_v1_PeerInfo,
	PeerInfo__Output as _netswarm_common_v1_PeerInfo__Output,
} from "./netswarm/common/v1/PeerInfo.js";
import type {
	DhtServiceClient as _netswarm_dht_v1_DhtServiceClient,
	DhtServiceDefinition as _netswarm_dht_v1_DhtServiceDefinition,
} from "./netswarm/dht/v1/DhtService.js";
import type {
	FindPeerRequest as _netswarm_dht_v1_FindPeerRequest,
	FindPeerRequest__Output as _netswarm_dht_v1_FindPeerRequest__Output,
} from "./netswarm/dht/v1/FindPeerRequest.js";
import type {
	FindPeerResponse as _netswarm_dht_v1_FindPeerResponse,
	FindPeerResponse__Output as _netswarm_dht_v1_FindPeerResponse__Output,
} from "./netswarm/dht/v1/FindPeerResponse.js";

type SubtypeConstructor<
	Constructor extends new (
		...args: any
	) => any,
	Subtype,
> = {
	new (...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
	netswarm: {
		common: {
			v1: {
				Empty: MessageTypeDefinition<
					_netswarm_common_v1_Empty,
					_netswarm_common_v1_Empty__Output
				>;
				PeerInfo: MessageTypeDefinition<
					_netswarm_common_v1_PeerInfo,
					_netswarm_common_v1_PeerInfo__Output
				>;
			};
		};
		dht: {
			v1: {
				DhtService: SubtypeConstructor<
					typeof grpc.Client,
					_netswarm_dht_v1_DhtServiceClient
				> & { service: _netswarm_dht_v1_DhtServiceDefinition };
				FindPeerRequest: MessageTypeDefinition<
					_netswarm_dht_v1_FindPeerRequest,
					_netswarm_dht_v1_FindPeerRequest__Output
				>;
				FindPeerResponse: MessageTypeDefinition<
					_netswarm_dht_v1_FindPeerResponse,
					_netswarm_dht_v1_FindPeerResponse__Output
				>;
			};
		};
	};
}
