/**
 * `DhtService.addServiceAddress`: a listener bound after the DHT started (the transfer service on
 * port 0, as `netswarm node` starts it) is advertised to other peers through provider records.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, test } from 'node:test'
import { createDhtClient, createDhtService, type DhtService } from '@netswarm/dht'
import { generateIdentity } from '@netswarm/identity'

const CID = 'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy'
const dir = mkdtempSync(join(tmpdir(), 'netswarm-dht-addr-'))
const services: DhtService[] = []
after(async () => {
  for (const s of services) await s.stop()
  rmSync(dir, { recursive: true, force: true })
})

function dht(name: string, bootstrap: string[], serviceAddresses: string[] = []): DhtService {
  const service = createDhtService(
    { identity: generateIdentity() },
    {
      dataDir: join(dir, name),
      listen: '127.0.0.1:0',
      grpcListen: '127.0.0.1:0',
      metricsListen: '127.0.0.1:0',
      bootstrap,
      serviceAddresses,
      logLevel: 'silent',
    },
  )
  services.push(service)
  return service
}

test('addServiceAddress validates name=host:port like the config and appends each entry once', async () => {
  const configured = ['metrics=127.0.0.1:9']
  const a = dht('validate', [], configured)
  a.addServiceAddress('early=127.0.0.1:1')
  assert.deepEqual(configured, ['metrics=127.0.0.1:9'], "the caller's config list is not written to")
  await a.start()
  a.addServiceAddress('transfer=127.0.0.1:4011')
  a.addServiceAddress('transfer=127.0.0.1:4011')
  assert.deepEqual(a.node.addresses, [
    a.wireAddress,
    'metrics=127.0.0.1:9',
    'early=127.0.0.1:1',
    'transfer=127.0.0.1:4011',
  ])
  for (const bad of ['transfer', 'transfer=', 'transfer=host', 'Transfer=127.0.0.1:1', '=127.0.0.1:1', '127.0.0.1:1']) {
    assert.throws(
      () => a.addServiceAddress(bad),
      (err: Error & { code?: string }) => err.code === 'INVALID_ARGUMENT',
      bad,
    )
  }
  assert.equal(a.node.addresses.length, 4)
})

test('an address added after start reaches a provider lookup on another peer', async () => {
  const a = dht('a', [])
  await a.start()
  const b = dht('b', [a.wireAddress])
  await b.start()
  await b.bootstrapped
  a.addServiceAddress('transfer=127.0.0.1:4555')
  const clientA = createDhtClient(a.grpcAddress)
  const clientB = createDhtClient(b.grpcAddress)
  try {
    await clientA.provide(CID)
    const found = []
    for await (const p of clientB.findProviders(CID, { limit: 1 })) found.push(p)
    assert.equal(found.length, 1)
    assert.ok(found[0].addresses.includes('transfer=127.0.0.1:4555'), found[0].addresses.join(' '))
  } finally {
    clientA.close()
    clientB.close()
  }
})
