import assert from 'node:assert/strict'
import { test } from 'node:test'
import { z } from 'zod'
import {
  byteSize,
  ConfigError,
  checkHealth,
  fromGrpcError,
  grpc,
  NotFoundError,
  parseByteSize,
  parseConfig,
  startGrpcServer,
  toGrpcError,
} from '../src/index.ts'

test('parseByteSize understands decimal and binary units', () => {
  assert.equal(parseByteSize('1000'), 1000)
  assert.equal(parseByteSize('512MiB'), 512 * 2 ** 20)
  assert.equal(parseByteSize('2 GB'), 2e9)
  assert.equal(parseByteSize('ten'), undefined)
  assert.equal(parseByteSize('5 parsecs'), undefined)
})

test('byteSize explains a bad size in words a person can act on', () => {
  const schema = z.object({ quota: byteSize })
  assert.deepEqual(parseConfig(schema, { quota: '2KiB' }), { quota: 2048 })
  assert.deepEqual(parseConfig(schema, { quota: 10 }), { quota: 10 })
  assert.throws(
    () => parseConfig(schema, { quota: 'lots' }, { quota: 'NETSWARM_STORAGE_QUOTA' }),
    (err: unknown) =>
      err instanceof ConfigError && /NETSWARM_STORAGE_QUOTA.*expected a size such as 512MiB/.test(err.problems[0]),
  )
  assert.throws(() => parseConfig(schema, { quota: -1 }), ConfigError)
})

test('parseConfig names the variable behind each bad value', () => {
  const schema = z.object({ port: z.coerce.number().int().max(65535) })
  assert.throws(
    () => parseConfig(schema, { port: '70000' }, { port: 'NETSWARM_X_PORT' }),
    (err: unknown) => err instanceof ConfigError && err.problems[0].startsWith('port (NETSWARM_X_PORT)'),
  )
  assert.deepEqual(parseConfig(schema, { port: '80' }), { port: 80 })
})

test('typed errors survive a round trip through gRPC status', () => {
  const status = toGrpcError(new NotFoundError('no such chunk'))
  assert.equal(status.code, grpc.status.NOT_FOUND)
  const back = fromGrpcError({ code: status.code, details: status.details, metadata: status.metadata })
  assert.equal(back.code, 'NOT_FOUND')
  assert.equal(back.message, 'no such chunk')
  assert.equal(toGrpcError(new Error('secret stack')).details, 'internal error')
})

test('health reports NOT_SERVING until the service says it is ready', async () => {
  const handle = await startGrpcServer({ address: '127.0.0.1:0', serviceName: 'test.Service', register: () => {} })
  try {
    const target = `127.0.0.1:${handle.port}`
    assert.equal(await checkHealth(target), 'NOT_SERVING')
    handle.setServing('SERVING')
    assert.equal(await checkHealth(target, 'test.Service'), 'SERVING')
  } finally {
    await handle.stop()
  }
})
