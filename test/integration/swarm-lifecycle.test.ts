import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { describe, test } from 'node:test'
import { isRunning, startSwarm } from './helpers/swarm.ts'

describe('netswarm swarm', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    test(`comes up with 3 ready peers and stops on ${signal} with no process or directory left`, async (t) => {
      const swarm = await startSwarm(t, 3)
      assert.equal(swarm.peers.length, 3)
      assert.equal(new Set(swarm.peers.map((p) => p.peerId)).size, 3)
      for (const peer of swarm.peers) {
        assert.ok(isRunning(peer.pid))
        const ready = await fetch(`${peer.gatewayUrl}/readyz`)
        assert.equal(ready.status, 200, `${peer.gatewayUrl} not ready`)
      }
      // Peers know each other through the first one (bootstrap).
      const peers = (await (await fetch(`${swarm.peers[2].gatewayUrl}/api/v1/peers`)).json()) as {
        peers: { peerId: string }[]
      }
      assert.ok(peers.peers.some((p) => p.peerId === swarm.peers[0].peerId))
      assert.equal(await swarm.stop(signal), 0)
      // The swarm waits for every peer's exit before its own, so all are gone now.
      for (const peer of swarm.peers) assert.equal(isRunning(peer.pid), false, `peer ${peer.pid} still running`)
      assert.equal(existsSync(swarm.root), false)
    })
  }
})
