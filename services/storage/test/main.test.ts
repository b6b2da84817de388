import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { checkHealth } from '@netswarm/runtime'
import { createStorageClient } from '../src/client.ts'
import { makeChunks, tempDir } from './helpers.ts'

const MAIN = join(fileURLToPath(new URL('.', import.meta.url)), '..', 'src', 'main.ts')

function spawnMain(env: Record<string, string>, args: string[] = []) {
  return spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    env: { ...process.env, NETSWARM_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
}

describe('storage process (pod mode)', () => {
  test('starts from NETSWARM_STORAGE_* variables, serves gRPC, health and metrics, stops on SIGTERM', async (t) => {
    const dataDir = tempDir(t)
    const child = spawnMain({
      NETSWARM_STORAGE_DATA_DIR: dataDir,
      NETSWARM_STORAGE_GRPC_LISTEN: '127.0.0.1:0',
      NETSWARM_STORAGE_METRICS_LISTEN: '127.0.0.1:0',
      NETSWARM_STORAGE_QUOTA: '1GiB',
    })
    const exited = once(child, 'exit')
    t.after(() => {
      if (child.exitCode === null) child.kill('SIGKILL')
    })
    let ready: { grpc: string; metricsPort: number } | undefined
    for await (const line of createInterface({ input: child.stderr })) {
      if (line.includes('"storage ready"')) {
        ready = JSON.parse(line)
        break
      }
    }
    assert.ok(ready, 'the service logged its ready line')
    assert.equal(await checkHealth(ready.grpc, 'netswarm.storage.v1.StorageService'), 'SERVING')
    const client = createStorageClient(ready.grpc)
    try {
      await client.putChunks(makeChunks(3))
      const stats = await client.stats()
      assert.equal(stats.chunksStored, 3)
      assert.equal(stats.quotaBytes, 2 ** 30)
    } finally {
      client.close()
    }
    const metrics = await (await fetch(`http://127.0.0.1:${ready.metricsPort}/metrics`)).text()
    assert.match(metrics, /netswarm_storage_quota_bytes\{[^}]*\} 1073741824/)
    child.kill('SIGTERM')
    const [code] = await exited
    assert.equal(code, 0)
  })

  test('a bad value exits 2 with one clear line naming the variable or flag', async () => {
    const child = spawnMain({ NETSWARM_STORAGE_DATA_DIR: '/tmp/unused', NETSWARM_STORAGE_QUOTA: 'lots' }, [
      '--sync',
      'sometimes',
    ])
    let stderr = ''
    child.stderr.on('data', (d) => {
      stderr += d
    })
    // 'close', not 'exit': stderr is fully read only then.
    const [code] = await once(child, 'close')
    assert.equal(code, 2)
    assert.match(stderr, /quota \(NETSWARM_STORAGE_QUOTA\): expected a size/)
    assert.match(stderr, /sync \(--sync\)/)
  })
})
