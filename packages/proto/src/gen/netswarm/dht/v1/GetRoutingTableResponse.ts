// Original file: proto/netswarm/dht/v1/dht.proto

import type { Contact as _netswarm_dht_v1_Contact, Contact__Output as _netswarm_dht_v1_Contact__Output } from '../../../netswarm/dht/v1/Contact.js';

export interface GetRoutingTableResponse {
  'selfPeerId'?: (string);
  'contacts'?: (_netswarm_dht_v1_Contact)[];
  'replacements'?: (number);
}

export interface GetRoutingTableResponse__Output {
  'selfPeerId': (string);
  'contacts': (_netswarm_dht_v1_Contact__Output)[];
  'replacements': (number);
}
