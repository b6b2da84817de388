import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { Empty as _netswarm_common_v1_Empty, Empty__Output as _netswarm_common_v1_Empty__Output } from './netswarm/common/v1/Empty.js';
import type { PeerInfo as _netswarm_common_v1_PeerInfo, PeerInfo__Output as _netswarm_common_v1_PeerInfo__Output } from './netswarm/common/v1/PeerInfo.js';

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
  }
}

