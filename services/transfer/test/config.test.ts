import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { ConfigError } from '@netswarm/runtime'
import { SwarmKey } from '@netswarm/wire'
import { loadTransferConfig } from '../src/config.ts'

test('the transfer service reads the same swarm secret variables as the DHT', () => {
  const dir = mkdtempSync(join(tmpdir(), 'netswarm-transfer-key-'))
  try {
    const key = SwarmKey.generate()
    const file = join(dir, 'swarm.key')
    writeFileSync(file, key.toText())
    const base = { NETSWARM_TRANSFER_DATA_DIR: '/tmp/p' }
    assert.equal(loadTransferConfig(base).swarmKeyFile, undefined)
    assert.equal(
      loadTransferConfig({ ...base, NETSWARM_SWARM_KEY_FILE: file }).swarmKeyFile?.fingerprint,
      key.fingerprint,
    )
    writeFileSync(file, 'not a key')
    assert.throws(
      () => loadTransferConfig({ ...base, NETSWARM_SWARM_KEY_FILE: file }),
      (err: unknown) => err instanceof ConfigError && /NETSWARM_SWARM_KEY_FILE/.test(err.message),
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
