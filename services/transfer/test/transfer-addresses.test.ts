import assert from 'node:assert/strict'
import { test } from 'node:test'
import { TRANSFER_ADDRESS_TAG, transferAddresses } from '../src/clients/dht-router.ts'

test('only tagged DHT addresses are transfer addresses: an untagged one is a DHT listener, never dialled', () => {
  const tagged = `${TRANSFER_ADDRESS_TAG}10.0.0.5:7003`
  assert.deepEqual(transferAddresses(['10.0.0.5:7002', tagged]), ['10.0.0.5:7003'])
  assert.deepEqual(transferAddresses(['10.0.0.5:7002', '[::1]:7002']), [])
  assert.deepEqual(transferAddresses([]), [])
})
