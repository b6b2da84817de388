// Init step of a peer pod: create the peer's Ed25519 key once, before dht and transfer start.
// Both services load-or-create it; on a fresh volume they would race and each keep its own key.
import { loadOrCreateIdentity } from '@netswarm/identity'

const dir = process.env.NETSWARM_IDENTITY_DIR
if (!dir) {
  process.stderr.write('NETSWARM_IDENTITY_DIR is not set (the peer data directory, e.g. /var/lib/netswarm)\n')
  process.exit(2)
}
const identity = await loadOrCreateIdentity(dir)
process.stdout.write(`${JSON.stringify({ event: 'identity', peerId: identity.peerId.toString(), dir })}\n`)
