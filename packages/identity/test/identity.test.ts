import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import fc from 'fast-check'
import {
  generateIdentity,
  IDENTITY_FILE,
  IdentityError,
  loadOrCreateIdentity,
  PeerId,
  verifySignature,
} from '../src/index.ts'

async function tempDir(t: { after(fn: () => Promise<void>): void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'netswarm-identity-'))
  t.after(() => rm(dir, { recursive: true, force: true }))
  return dir
}

test('peer ID is SHA-256 of the public key with a base32 text form', () => {
  const pk = new Uint8Array(32)
  const id = PeerId.fromPublicKey(pk)
  // sha256 of 32 zero bytes; text checked against Python base64.b32encode
  assert.equal(
    Buffer.from(id.bytes).toString('hex'),
    '66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925',
  )
  assert.equal(id.toString(), 'bmzuhvlpymk6xo3epygfy5h4oeaejofefn3rdhm4qfjmr2dk7fesq')
  assert.ok(PeerId.parse(id.toString()).equals(id))
})

test('peer ID text round trips for any 32 bytes', () => {
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (bytes) => {
      const id = PeerId.fromBytes(bytes)
      assert.ok(PeerId.parse(id.toString()).equals(id))
    }),
  )
})

test('PeerId.parse refuses garbage with a typed error', () => {
  for (const bad of ['', 'zzz', 'b', 'bmfrgg', `m${'A'.repeat(43)}`, 'not a peer id']) {
    assert.throws(
      () => PeerId.parse(bad),
      (err: unknown) => err instanceof IdentityError && err.identityCode === 'PEER_ID_INVALID',
      bad,
    )
  }
  assert.throws(() => PeerId.fromPublicKey(new Uint8Array(31)), IdentityError)
})

test('sign and verify; tampered data, signature or key fail', () => {
  const a = generateIdentity()
  const b = generateIdentity()
  const data = new TextEncoder().encode('hello swarm')
  const sig = a.sign(data)
  assert.equal(sig.length, 64)
  assert.ok(verifySignature(a.publicKey, data, sig))
  assert.ok(!verifySignature(b.publicKey, data, sig))
  const bad = Uint8Array.from(sig)
  bad[10] ^= 1
  assert.ok(!verifySignature(a.publicKey, data, bad))
  assert.ok(!verifySignature(a.publicKey, new TextEncoder().encode('hello swarn'), sig))
  assert.ok(!verifySignature(new Uint8Array(5), data, sig))
  assert.ok(a.peerId.equals(PeerId.fromPublicKey(a.publicKey)))
  assert.ok(!a.peerId.equals(b.peerId))
})

test('loadOrCreateIdentity persists the key with mode 0600 and reloads the same peer ID', async (t) => {
  const dir = await tempDir(t)
  const first = await loadOrCreateIdentity(join(dir, 'nested'))
  const path = join(dir, 'nested', IDENTITY_FILE)
  assert.equal((await stat(path)).mode & 0o777, 0o600)
  assert.match(await readFile(path, 'utf8'), /BEGIN PRIVATE KEY/)
  const second = await loadOrCreateIdentity(join(dir, 'nested'))
  assert.ok(first.peerId.equals(second.peerId))
  const data = new Uint8Array([1, 2, 3])
  assert.ok(verifySignature(first.publicKey, data, second.sign(data)))
})

test('a corrupt identity file is a typed error, not silently replaced', async (t) => {
  const dir = await tempDir(t)
  await writeFile(join(dir, IDENTITY_FILE), 'garbage', { mode: 0o600 })
  await assert.rejects(
    loadOrCreateIdentity(dir),
    (err: unknown) => err instanceof IdentityError && err.identityCode === 'IDENTITY_CORRUPT',
  )
  assert.equal(await readFile(join(dir, IDENTITY_FILE), 'utf8'), 'garbage')
})

test('concurrent first starts agree on one identity', async (t) => {
  const dir = await tempDir(t)
  const ids = await Promise.all(Array.from({ length: 8 }, () => loadOrCreateIdentity(dir)))
  for (const id of ids) assert.ok(id.peerId.equals(ids[0].peerId))
  const { readdir } = await import('node:fs/promises')
  assert.deepEqual(await readdir(dir), [IDENTITY_FILE])
})
