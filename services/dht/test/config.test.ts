import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ConfigError } from '@netswarm/runtime'
import { loadDhtConfig } from '../src/config.ts'

test('NETSWARM_DHT_* variables are read with defaults', () => {
  const config = loadDhtConfig({
    NETSWARM_DHT_DATA_DIR: '/tmp/peer',
    NETSWARM_DHT_BOOTSTRAP: 'peers.netswarm.svc.cluster.local:4001, 10.0.0.7:4001',
    NETSWARM_DHT_K: '16',
    NETSWARM_DHT_LATENCY_AWARE: 'false',
    NETSWARM_DHT_LAN_DISCOVERY: 'on',
    NETSWARM_DHT_SERVICE_ADDRESSES: 'transfer=0.0.0.0:4011',
  })
  assert.deepEqual(config.serviceAddresses, ['transfer=0.0.0.0:4011'])
  assert.deepEqual(config.bootstrap, ['peers.netswarm.svc.cluster.local:4001', '10.0.0.7:4001'])
  assert.equal(config.k, 16)
  assert.equal(config.alpha, 3)
  assert.equal(config.latencyAware, false)
  assert.equal(config.lanDiscovery, true)
  assert.equal(config.listen, '0.0.0.0:4001')
  assert.equal(config.grpcListen, '127.0.0.1:7102')
  assert.equal(config.providerTtlSec, 48 * 3600)
})

test('bad values fail with one line naming the variable', () => {
  assert.throws(
    () => loadDhtConfig({ NETSWARM_DHT_DATA_DIR: '/tmp/p', NETSWARM_DHT_BOOTSTRAP: 'nope', NETSWARM_DHT_ALPHA: '0' }),
    (err: unknown) =>
      err instanceof ConfigError &&
      err.problems.some((p) => p.includes('NETSWARM_DHT_BOOTSTRAP')) &&
      err.problems.some((p) => p.includes('NETSWARM_DHT_ALPHA')),
  )
  assert.throws(
    () => loadDhtConfig({ NETSWARM_DHT_DATA_DIR: '/tmp/p', NETSWARM_DHT_SERVICE_ADDRESSES: 'transfer:4011' }),
    (err: unknown) =>
      err instanceof ConfigError && err.problems.some((p) => p.includes('NETSWARM_DHT_SERVICE_ADDRESSES')),
  )
  assert.throws(
    () => loadDhtConfig({}),
    (err: unknown) => err instanceof ConfigError && err.message.includes('NETSWARM_DHT_DATA_DIR'),
  )
})
