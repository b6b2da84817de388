import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { ConfigError } from '@netswarm/runtime'
import { loadStorageConfig } from '../src/config.ts'

describe('storage config', () => {
  test('reads NETSWARM_STORAGE_* variables with defaults, flags win', () => {
    const config = loadStorageConfig(['--grpc-listen', '127.0.0.1:9000'], {
      NETSWARM_STORAGE_DATA_DIR: '/data',
      NETSWARM_STORAGE_GRPC_LISTEN: '127.0.0.1:8000',
      NETSWARM_STORAGE_QUOTA: '10GiB',
      NETSWARM_STORAGE_SYNC: 'committed',
    })
    assert.equal(config.dataDir, '/data')
    assert.equal(config.grpcListen, '127.0.0.1:9000')
    assert.equal(config.metricsListen, '127.0.0.1:9101')
    assert.equal(config.quota, 10 * 2 ** 30)
    assert.equal(config.sync, 'committed')
    assert.equal(config.gcGraceSec, 300)
  })

  test('each bad value is reported with where it came from', () => {
    assert.throws(
      () =>
        loadStorageConfig([], {
          NETSWARM_STORAGE_GRPC_LISTEN: 'nowhere',
          NETSWARM_STORAGE_SYNC: 'maybe',
          NETSWARM_STORAGE_GC_BATCH: '0',
        }),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError)
        const text = err.problems.join('\n')
        assert.match(text, /dataDir/)
        assert.match(text, /grpcListen \(NETSWARM_STORAGE_GRPC_LISTEN\): expected host:port/)
        assert.match(text, /sync \(NETSWARM_STORAGE_SYNC\)/)
        assert.match(text, /gcBatch \(NETSWARM_STORAGE_GC_BATCH\)/)
        return true
      },
    )
    assert.throws(() => loadStorageConfig(['--no-such-flag', 'x'], { NETSWARM_STORAGE_DATA_DIR: '/d' }), ConfigError)
  })
})
