import assert from 'node:assert/strict'
import { test } from 'node:test'
import { isLoopbackHost, lanDiscoveryEnabled } from '../src/peer/lan.ts'

test('LAN discovery: --lan/--no-lan decide; by default on unless the peer listens on loopback only', () => {
  for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]']) {
    assert.equal(isLoopbackHost(host), true, host)
    assert.equal(lanDiscoveryEnabled(undefined, host), false, host)
    assert.equal(lanDiscoveryEnabled(true, host), true, host)
  }
  for (const host of ['0.0.0.0', '::', '192.168.1.20', 'my-laptop.local', '128.0.0.1']) {
    assert.equal(isLoopbackHost(host), false, host)
    assert.equal(lanDiscoveryEnabled(undefined, host), true, host)
    assert.equal(lanDiscoveryEnabled(false, host), false, host)
  }
})
