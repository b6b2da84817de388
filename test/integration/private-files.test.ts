import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import {
  bodyLayout,
  generateReadKey,
  PREFIX_BYTES,
  PRIVATE_MEDIA_TYPE,
  readLink,
  sealFile,
  TAG_BYTES,
} from '@netswarm/content/private'
import { runCli, startSwarm, testBytes } from './helpers/swarm.ts'

async function carrierOf(data: Uint8Array, readKey: Uint8Array): Promise<Buffer> {
  const sealed = sealFile(
    (async function* () {
      yield data
    })(),
    { name: 'crafted.bin', mediaType: 'application/octet-stream', readKey },
  )
  const parts: Uint8Array[] = []
  for await (const part of sealed.carrier) parts.push(part)
  return Buffer.concat(parts)
}

/** Publishes raw carrier bytes as an ordinary file (what a malicious peer could do). */
async function publishRaw(gatewayUrl: string, token: string, bytes: Uint8Array): Promise<string> {
  const res = await fetch(`${gatewayUrl}/api/v1/files?name=private`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': PRIVATE_MEDIA_TYPE },
    body: bytes,
  })
  assert.equal(res.status, 201)
  return ((await res.json()) as { cid: string }).cid
}

test('private files through the CLI and gateways: read links, wrong keys, tampering, swaps, sharing by key', async (t) => {
  const swarm = await startSwarm(t, 3)
  const [a, b, c] = swarm.peers
  const auth = { NETSWARM_TOKEN: swarm.token }
  const dir = await mkdtemp(join(tmpdir(), 'netswarm-private-'))
  t.after(() => rm(dir, { recursive: true, force: true }))
  const data = testBytes(3 * 1024 * 1024 + 777, 7)
  await writeFile(join(dir, 'ledger.bin'), data)

  const added = await runCli(['add', '--private', join(dir, 'ledger.bin'), '--json', '-g', a.gatewayUrl], auth)
  assert.equal(added.code, 0, added.stderr)
  const result = JSON.parse(added.stdout.toString()) as {
    cid: string
    netswarmLink: string
    link: string
    verifyLink: string
  }
  assert.match(result.netswarmLink, new RegExp(`^netswarm://${result.cid}#k=[A-Za-z0-9_-]{43}$`))
  assert.match(result.link, new RegExp(`^${a.gatewayUrl}/s/${result.cid}#k=`))
  assert.equal(result.verifyLink, `netswarm://${result.cid}#verify`)

  // The swarm sees an ordinary file with a neutral name and media type, padded length.
  const info = (await (await fetch(`${c.gatewayUrl}/api/v1/files/${result.cid}`)).json()) as {
    name: string
    mediaType: string
    size: number
  }
  assert.equal(info.name, 'private')
  assert.equal(info.mediaType, PRIVATE_MEDIA_TYPE)
  assert.ok(info.size > data.length)

  // With the link, on another peer: byte-identical, under the real name.
  const out = join(dir, 'out')
  const fetched = await runCli(['fetch', result.netswarmLink, '-o', out, '-g', c.gatewayUrl])
  assert.equal(fetched.code, 0, fetched.stderr)
  assert.ok((await readFile(out)).equals(data), 'fetched bytes differ')
  const byGatewayLink = await runCli(['fetch', result.link, '-o', join(dir, 'out-gw'), '-g', b.gatewayUrl])
  assert.equal(byGatewayLink.code, 0, byGatewayLink.stderr)
  assert.ok((await readFile(join(dir, 'out-gw'))).equals(data))

  // Without the key, with the verify link, or with a wrong key: a clear error, exit 8, nothing written.
  for (const link of [result.cid, result.verifyLink, readLink(result.cid, generateReadKey())]) {
    const target = join(dir, 'nothing')
    const refused = await runCli(['fetch', link, '-o', target, '-g', c.gatewayUrl])
    assert.equal(refused.code, 8, `${link}: ${refused.stderr}`)
    assert.match(refused.stderr, /private file|does not open/)
    assert.equal(existsSync(target), false)
    assert.equal(existsSync(`${target}.netswarm-part`), false)
  }

  // The user's own gateway decrypts when handed the key in a header (never a query string).
  const key = result.netswarmLink.split('#k=')[1]
  const opened = await fetch(`${b.gatewayUrl}/api/v1/private/open/${result.cid}`, {
    method: 'POST',
    headers: { 'x-netswarm-key': key },
  })
  assert.equal(opened.status, 200)
  assert.ok(Buffer.from(await opened.arrayBuffer()).equals(data))
  const wrong = await fetch(`${b.gatewayUrl}/api/v1/private/open/${result.cid}`, {
    method: 'POST',
    headers: { 'x-netswarm-key': readLink(result.cid, generateReadKey()).split('#k=')[1] },
  })
  assert.equal(wrong.status, 403)
  assert.match(((await wrong.json()) as { error: { message: string } }).error.message, /does not open/)

  // A tampered ciphertext, re-published under its own (valid) CID, is refused by the AEAD.
  const readKey = generateReadKey()
  const plain1 = testBytes(2 * 1024 * 1024 + 5000, 11)
  const plain2 = testBytes(2 * 1024 * 1024 + 5000, 12)
  const carrier1 = await carrierOf(plain1, readKey)
  const carrier2 = await carrierOf(plain2, readKey)
  const tampered = Buffer.from(carrier1)
  tampered[PREFIX_BYTES + 1000] ^= 0x01
  // Segment 1 of the second file swapped into the first (same key, same position, same length).
  const swapped = Buffer.from(carrier1)
  const layout = bodyLayout(carrier1.length, 1024 * 1024)
  const start = PREFIX_BYTES + (1024 * 1024 + TAG_BYTES)
  carrier2.copy(swapped, start, start, start + 1024 * 1024 + TAG_BYTES)
  assert.ok(layout.segments >= 3)
  for (const [label, bytes] of [
    ['tampered', tampered],
    ['swapped', swapped],
  ] as const) {
    const cid = await publishRaw(a.gatewayUrl, swarm.token, bytes)
    const target = join(dir, label)
    const refused = await runCli(['fetch', readLink(cid, readKey), '-o', target, '-g', b.gatewayUrl])
    assert.equal(refused.code, 5, `${label}: ${refused.stderr}`)
    assert.match(refused.stderr, /failed authentication/)
    assert.equal(existsSync(target), false)
    assert.equal(existsSync(`${target}.netswarm-part`), false)
  }
  const intact = await publishRaw(a.gatewayUrl, swarm.token, carrier1)
  const ok = await runCli(['fetch', readLink(intact, readKey), '-o', join(dir, 'intact'), '-g', b.gatewayUrl])
  assert.equal(ok.code, 0, ok.stderr)
  assert.ok((await readFile(join(dir, 'intact'))).equals(plain1))

  // Sharing by public key: B is named; C is not.
  const idB = JSON.parse((await runCli(['identity', '--json', '-g', b.gatewayUrl])).stdout.toString()) as {
    publicKey: string
    peerId: string
  }
  assert.equal(idB.peerId, b.peerId)
  const shared = await runCli(['share', result.netswarmLink, '--to', idB.publicKey, '-g', a.gatewayUrl], auth)
  assert.equal(shared.code, 0, shared.stderr)
  const listB = await runCli(['shared', '--json', '-g', b.gatewayUrl], auth)
  assert.equal(listB.code, 0, listB.stderr)
  const entries = (
    JSON.parse(listB.stdout.toString()) as {
      shared: { cid: string; name: string; from: string; netswarmLink: string }[]
    }
  ).shared
  assert.equal(entries.length, 1)
  assert.equal(entries[0].cid, result.cid)
  assert.equal(entries[0].name, 'ledger.bin')
  assert.equal(entries[0].from, a.peerId)
  const openedByB = await runCli(['fetch', entries[0].netswarmLink, '-o', join(dir, 'from-share'), '-g', b.gatewayUrl])
  assert.equal(openedByB.code, 0, openedByB.stderr)
  assert.ok((await readFile(join(dir, 'from-share'))).equals(data))
  const listC = await runCli(['shared', '--json', '-g', c.gatewayUrl], auth)
  assert.equal(listC.code, 0, listC.stderr)
  assert.deepEqual(JSON.parse(listC.stdout.toString()), { shared: [] })
})
