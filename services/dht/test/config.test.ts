import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { ConfigError } from '@netswarm/runtime'
import { SwarmKey } from '@netswarm/wire'
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

test('the swarm secret: read from its file at load; a bad file, bad text or both set fail naming the variable', () => {
  const dir = mkdtempSync(join(tmpdir(), 'netswarm-dht-key-'))
  try {
    const key = SwarmKey.generate()
    const good = join(dir, 'swarm.key')
    writeFileSync(good, `${key.toText()}\n`, { mode: 0o600 })
    const base = { NETSWARM_DHT_DATA_DIR: '/tmp/p' }
    assert.equal(loadDhtConfig(base).swarmKeyFile, undefined, 'no key: the public swarm')
    assert.equal(loadDhtConfig({ ...base, NETSWARM_SWARM_KEY_FILE: good }).swarmKeyFile?.fingerprint, key.fingerprint)
    assert.equal(loadDhtConfig({ ...base, NETSWARM_SWARM_KEY: key.toText() }).swarmKey?.fingerprint, key.fingerprint)
    // The config can be logged: the key prints as its fingerprint only.
    const shown = JSON.stringify(loadDhtConfig({ ...base, NETSWARM_SWARM_KEY_FILE: good }))
    assert.ok(!shown.includes(key.toText().split(':')[1]!), shown)
    const bad = join(dir, 'bad.key')
    writeFileSync(bad, 'netswarm-swarm-key-v1:short\n')
    const cases: [Record<string, string>, RegExp][] = [
      [
        { NETSWARM_SWARM_KEY_FILE: bad },
        /swarmKeyFile \(NETSWARM_SWARM_KEY_FILE\): swarm key file .*bad\.key: .*damaged/,
      ],
      [{ NETSWARM_SWARM_KEY_FILE: join(dir, 'missing.key') }, /NETSWARM_SWARM_KEY_FILE\): cannot read swarm key file/],
      [{ NETSWARM_SWARM_KEY: 'hunter2' }, /swarmKey \(NETSWARM_SWARM_KEY\): a swarm key starts with/],
      [{ NETSWARM_SWARM_KEY_FILE: good, NETSWARM_SWARM_KEY: key.toText() }, /not both/],
    ]
    for (const [env, message] of cases) {
      assert.throws(
        () => loadDhtConfig({ ...base, ...env }),
        (err: unknown) => err instanceof ConfigError && message.test(err.message),
        JSON.stringify(env),
      )
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
