import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { ConfigError, checkHealth, createLogger } from '@netswarm/runtime'
import { createTransferClient } from '../src/client.ts'
import { loadTransferConfig } from '../src/config.ts'
import { MemoryRouterHub } from '../src/routing/memory-router.ts'
import { createTransferService, TRANSFER_SERVICE_NAME, type TransferService } from '../src/service.ts'
import { MemoryStore } from '../src/stores/memory-store.ts'
import { randomFile } from './engine/helpers.ts'

test('gRPC service: publish, fetch with progress, read, list transfers, peer stats, health and metrics', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'netswarm-transfer-svc-'))
  const hub = new MemoryRouterHub()
  const log = createLogger({ service: 'transfer-test', level: 'silent' })
  const services: TransferService[] = []
  t.after(async () => {
    await Promise.all(services.map((s) => s.stop()))
    rmSync(dir, { recursive: true, force: true })
  })
  const start = async (name: string) => {
    let service: TransferService | undefined
    const self = () => ({ peerId: service?.peerId ?? '', addresses: [service?.wireAddress ?? ''] })
    service = createTransferService(
      { log, store: new MemoryStore(), router: hub.forPeer(self) },
      {
        dataDir: join(dir, name),
        listen: '127.0.0.1:0',
        grpcListen: '127.0.0.1:0',
        metricsListen: '127.0.0.1:0',
        repairIntervalSec: 0,
      },
    )
    await service.start()
    hub.register(self())
    services.push(service)
    return service
  }
  const seeder = await start('seeder')
  const leecher = await start('leecher')
  assert.equal(await checkHealth(leecher.grpcAddress, TRANSFER_SERVICE_NAME), 'SERVING')

  const seederClient = createTransferClient(seeder.grpcAddress)
  const leecherClient = createTransferClient(leecher.grpcAddress)
  t.after(() => {
    seederClient.close()
    leecherClient.close()
  })
  const bytes = randomFile(3 * 1024 * 1024 + 5)
  const published = await seederClient.publish([bytes.subarray(0, 1000), bytes.subarray(1000)], {
    name: 'svc.bin',
    mediaType: 'application/x-test',
    replicationFactor: 1,
  })
  assert.equal(published.size, bytes.length)

  const progress = []
  for await (const p of leecherClient.fetch(published.cid, { pin: true })) progress.push(p)
  const last = progress[progress.length - 1]
  assert.equal(last.state, 'TRANSFER_STATE_DONE')
  assert.equal(Number(last.bytesReceived), bytes.length)
  assert.equal(last.name, 'svc.bin')
  assert.ok(last.transferId.length > 0)
  assert.equal(last.peers[0].peerId, seeder.peerId)

  const parts: Uint8Array[] = []
  let info: unknown
  for await (const item of leecherClient.readFile(published.cid, { offset: 10, length: 100_000 })) {
    if ('info' in item) info = item.info
    else parts.push(item.data)
  }
  assert.equal((info as { mediaType: string }).mediaType, 'application/x-test')
  assert.deepEqual(Buffer.concat(parts), Buffer.from(bytes.subarray(10, 100_010)))

  const third = await start('third')
  const thirdClient = createTransferClient(third.grpcAddress)
  t.after(() => thirdClient.close())
  const { manifest, info: manifestInfo } = await thirdClient.getManifest(published.cid)
  const { manifestCid } = await import('@netswarm/content')
  assert.equal(manifestCid(manifest).toString(), published.cid)
  assert.equal(Number(manifestInfo.size), bytes.length)

  const transfers = await leecherClient.listTransfers(true)
  assert.equal(transfers[0].cid, published.cid)
  assert.equal(transfers[0].state, 'TRANSFER_STATE_DONE')
  assert.equal(transfers[0].kind, 'TRANSFER_KIND_FETCH')
  // Per-source rows reach ListTransfers too, so a console can show them for transfers it did not start.
  assert.equal(transfers[0].peers[0].peerId, seeder.peerId)
  assert.equal(Number(transfers[0].peers[0].bytesReceived), bytes.length)
  const stats = await leecherClient.peerStats()
  const fromSeeder = stats.peers.find((p) => p.peerId === seeder.peerId)
  assert.equal(Number(fromSeeder?.bytesIn), bytes.length)
  assert.equal(stats.uploadSlots, 8)

  const metrics = await (await fetch(`http://127.0.0.1:${leecher.metricsPort}/metrics`)).text()
  assert.match(
    metrics,
    new RegExp(`netswarm_transfer_bytes_received_total\\{peer="${seeder.peerId}"[^}]*\\} ${bytes.length}`),
  )
  assert.match(metrics, /netswarm_transfer_active_transfers\{[^}]*\} 0/)
  assert.equal((await fetch(`http://127.0.0.1:${leecher.metricsPort}/readyz`)).status, 200)

  await assert.rejects(
    (async () => {
      for await (const _ of leecherClient.fetch('not-a-cid')) void _
    })(),
    (err: Error & { code?: string }) => err.code === 'INVALID_ARGUMENT',
  )
})

test('configuration errors name the variable to fix', () => {
  assert.throws(
    () => loadTransferConfig({ NETSWARM_TRANSFER_DATA_DIR: '/tmp/x', NETSWARM_TRANSFER_LISTEN: 'nope' }),
    (err: Error) => err instanceof ConfigError && /NETSWARM_TRANSFER_LISTEN/.test(err.message),
  )
  assert.throws(
    () => loadTransferConfig({ NETSWARM_TRANSFER_DATA_DIR: '/tmp/x', NETSWARM_TRANSFER_PEERS: 'a b' }),
    (err: Error) => err instanceof ConfigError && /NETSWARM_TRANSFER_PEERS/.test(err.message),
  )
  const config = loadTransferConfig({ NETSWARM_TRANSFER_DATA_DIR: '/tmp/x', NETSWARM_TRANSFER_PEERS: 'h:1, id@h:2' })
  assert.deepEqual(config.peers, ['h:1', 'id@h:2'])
  assert.equal(config.grpcListen, '127.0.0.1:7103')
  assert.equal(config.replicationFactor, 3)
})
