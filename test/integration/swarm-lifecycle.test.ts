import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { rm } from 'node:fs/promises'
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

  test('peers stop by themselves when the swarm process is killed outright (SIGKILL)', async (t) => {
    const swarm = await startSwarm(t, 2)
    // A live SSE subscription per peer: its end is the event that the peer process is gone.
    const streams = await Promise.all(
      swarm.peers.map(async (peer) => {
        const res = await fetch(`${peer.gatewayUrl}/trpc/peers.watch`)
        assert.equal(res.status, 200)
        const reader = res.body!.getReader()
        // Wrapped in an object: an async function returning a bare promise would wait for it.
        return {
          ended: (async () => {
            try {
              while (!(await reader.read()).done) {}
            } catch {
              // A reset connection also means the peer is gone.
            }
          })(),
        }
      }),
    )
    assert.equal(await swarm.stop('SIGKILL'), null)
    await Promise.all(streams.map((s) => s.ended))
    // The gateway closes first; the process exits once its other services have stopped. Those
    // last steps leave no observable event from here, so re-check (bounded) until it is gone.
    for (const peer of swarm.peers) {
      const deadline = Date.now() + 15_000
      while (isRunning(peer.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
      assert.equal(isRunning(peer.pid), false, `peer ${peer.pid} still running`)
    }
    // Nobody was left to clean up: that is the one thing a SIGKILL cannot give.
    await rm(swarm.root, { recursive: true, force: true })
  })

  test('with the console on: it serves the peers, and Ctrl-C stops it with every peer', async (t) => {
    // The one test with the console: `next build` runs here only when web/ sources changed.
    const swarm = await startSwarm(t, 2, {}, { ownProcessGroup: true, console: true })
    assert.ok(swarm.console, 'swarm-ready names no console')
    assert.ok(isRunning(swarm.console.pid))
    const page = await fetch(`${swarm.console.url}/p/1`)
    assert.equal(page.status, 200)
    // The console reaches the second peer's gateway through its proxy.
    const peers = await fetch(`${swarm.console.url}/gw/1/api/v1/peers`)
    assert.equal(peers.status, 200)
    const { peers: known } = (await peers.json()) as { peers: { peerId: string }[] }
    assert.ok(known.some((p) => p.peerId === swarm.peers[0].peerId))
    assert.equal(await swarm.signalGroup('SIGINT'), 0)
    for (const pid of [swarm.console.pid, ...swarm.peers.map((p) => p.pid)]) {
      assert.equal(isRunning(pid), false, `process ${pid} still running`)
    }
    assert.equal(existsSync(swarm.root), false)
  })

  test('Ctrl-C in a terminal (SIGINT to the whole process group) stops everything cleanly', async (t) => {
    const swarm = await startSwarm(t, 2, {}, { ownProcessGroup: true })
    // Every peer gets the SIGINT itself and the swarm stops them too: both paths must agree.
    assert.equal(await swarm.signalGroup('SIGINT'), 0)
    for (const peer of swarm.peers) assert.equal(isRunning(peer.pid), false, `peer ${peer.pid} still running`)
    assert.equal(existsSync(swarm.root), false)
  })
})
