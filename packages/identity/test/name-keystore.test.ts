import assert from 'node:assert/strict'
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import fc from 'fast-check'
import { formatNameKey, IdentityError, NameKeystore, nameLink, parseNameKey, verifySignature } from '../src/index.ts'

async function tempDir(t: { after(fn: () => Promise<void>): void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'netswarm-names-'))
  t.after(() => rm(dir, { recursive: true, force: true }))
  return dir
}

test('name keys: create, list, sign, remove; key files are 0600 in a 0700 folder', async (t) => {
  const dir = await tempDir(t)
  const store = new NameKeystore(dir)
  assert.deepEqual(await store.list(), [])
  const docs = await store.create('docs')
  const photos = await store.create('photos')
  assert.notEqual(docs.key, photos.key)
  assert.equal(docs.link, `netswarm://name/${docs.key}`)
  assert.equal((await stat(join(dir, 'names', 'docs.key'))).mode & 0o777, 0o600)
  assert.equal((await stat(join(dir, 'names'))).mode & 0o777, 0o700)
  assert.deepEqual(
    (await store.list()).map((n) => n.label),
    ['docs', 'photos'],
  )
  const again = await new NameKeystore(dir).get('docs')
  assert.equal(again.key, docs.key)
  const data = new TextEncoder().encode('hello')
  assert.ok(verifySignature(docs.publicKey, data, again.sign(data)))
  assert.equal((await store.findByKey(photos.publicKey))?.label, 'photos')
  await assert.rejects(store.create('docs'), { code: 'ALREADY_EXISTS' })
  await store.remove('docs')
  await assert.rejects(store.get('docs'), { code: 'NOT_FOUND' })
  await assert.rejects(store.remove('docs'), { code: 'NOT_FOUND' })
  assert.deepEqual(await readdir(join(dir, 'names')), ['photos.key'])
})

test('bad labels and corrupt key files are refused with typed errors', async (t) => {
  const dir = await tempDir(t)
  const store = new NameKeystore(dir)
  for (const label of ['', '../x', 'A', '.hidden', 'a/b', 'x'.repeat(65)]) {
    await assert.rejects(store.create(label), IdentityError, label)
  }
  await store.create('ok')
  await writeFile(join(dir, 'names', 'broken.key'), 'not a key', { mode: 0o600 })
  await assert.rejects(store.get('broken'), { identityCode: 'IDENTITY_CORRUPT' })
  assert.deepEqual(
    (await store.list()).map((n) => n.label),
    ['ok'],
  )
})

test('name key text and links round trip; malformed text is refused', () => {
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (key) => {
      const text = formatNameKey(key)
      assert.match(text, /^b[a-z2-7]{52}$/)
      assert.deepEqual(parseNameKey(text), key)
      assert.deepEqual(parseNameKey(nameLink(key)), key)
      assert.deepEqual(parseNameKey(`http://127.0.0.1:8080/n/${text}/docs/a.txt`), key)
      assert.deepEqual(parseNameKey(`${text}@3`), key)
    }),
  )
  for (const bad of ['', 'bxyz', 'zzz', `b${'a'.repeat(60)}`]) {
    assert.throws(() => parseNameKey(bad), IdentityError)
  }
})
