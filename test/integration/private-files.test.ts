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

  // The verify link is enough to hold (fetch, verify, pin, serve) the ciphertext without reading it.
  const pinned = await runCli(['pin', result.verifyLink, '--json', '-g', c.gatewayUrl], auth)
  assert.equal(pinned.code, 0, pinned.stderr)
  assert.deepEqual(JSON.parse(pinned.stdout.toString()), { cid: result.cid, pinned: true })

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
  const tamperedCid = await publishRaw(a.gatewayUrl, swarm.token, tampered)
  const target = join(dir, 'tampered')
  const refused = await runCli(['fetch', readLink(tamperedCid, readKey), '-o', target, '-g', b.gatewayUrl])
  assert.equal(refused.code, 5, refused.stderr)
  assert.match(refused.stderr, /segment 0 .*failed authentication/)
  assert.equal(existsSync(target), false)
  assert.equal(existsSync(`${target}.netswarm-part`), false)
  // Through the gateway's open route: segment 0 fails before the answer starts (502 INTEGRITY) ...
  const openTampered = await fetch(`${b.gatewayUrl}/api/v1/private/open/${tamperedCid}`, {
    method: 'POST',
    headers: { 'x-netswarm-key': Buffer.from(readKey).toString('base64url') },
  })
  assert.equal(openTampered.status, 502)
  // ... and the swapped segment 1 cuts the stream short: the client never gets a complete body.
  const swappedCid = await publishRaw(a.gatewayUrl, swarm.token, swapped)
  const openSwapped = await fetch(`${b.gatewayUrl}/api/v1/private/open/${swappedCid}`, {
    method: 'POST',
    headers: { 'x-netswarm-key': Buffer.from(readKey).toString('base64url') },
  })
  assert.equal(openSwapped.status, 200)
  await assert.rejects(openSwapped.arrayBuffer())
  // The same bytes unaltered open fine (through the gateway's open route this time).
  const intact = await publishRaw(a.gatewayUrl, swarm.token, carrier1)
  const ok = await fetch(`${b.gatewayUrl}/api/v1/private/open`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ link: readLink(intact, readKey) }),
  })
  assert.equal(ok.status, 200)
  assert.ok(Buffer.from(await ok.arrayBuffer()).equals(plain1))

  // Sharing by public key: B is named; C is not.
  const idB = (await (await fetch(`${b.gatewayUrl}/api/v1/identity`)).json()) as { publicKey: string; peerId: string }
  assert.match(idB.publicKey, /^[0-9a-f]{64}$/)
  assert.equal(idB.peerId, b.peerId)
  const shared = await runCli(['share', result.netswarmLink, '--to', idB.publicKey, '-g', a.gatewayUrl], auth)
  assert.equal(shared.code, 0, shared.stderr)
  const listB = await runCli(['shared', '--json', '-g', b.gatewayUrl], auth)
  assert.equal(listB.code, 0, listB.stderr)
  const entries = (
    JSON.parse(listB.stdout.toString()) as {
      shared: { cid: string; name: string; from: string; fromPublicKey: string; netswarmLink: string }[]
    }
  ).shared
  assert.equal(entries.length, 1)
  assert.equal(entries[0].cid, result.cid)
  assert.equal(entries[0].name, 'ledger.bin')
  // The sender is the peer whose identity signed the envelope (A's gateway signed it).
  const idA = (await (await fetch(`${a.gatewayUrl}/api/v1/identity`)).json()) as { publicKey: string }
  assert.equal(entries[0].from, a.peerId)
  assert.equal(entries[0].fromPublicKey, idA.publicKey)
  // An unsigned version-1 envelope is refused with a clear reason.
  const v1 = await fetch(`${a.gatewayUrl}/api/v1/private/shares`, {
    method: 'POST',
    headers: { authorization: `Bearer ${swarm.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      to: idB.publicKey,
      envelope: { version: 1, cid: result.cid, epk: 'A'.repeat(43), box: 'AA' },
    }),
  })
  assert.equal(v1.status, 400)
  assert.match(((await v1.json()) as { error: { message: string } }).error.message, /version 1 .*unsigned/)
  const openedByB = await runCli(['fetch', entries[0].netswarmLink, '-o', join(dir, 'from-share'), '-g', b.gatewayUrl])
  assert.equal(openedByB.code, 0, openedByB.stderr)
  assert.ok((await readFile(join(dir, 'from-share'))).equals(data))
  // C, not named, finds nothing it can open (REST and tRPC answer the same).
  const bearer = { authorization: `Bearer ${swarm.token}` }
  const listC = await fetch(`${c.gatewayUrl}/api/v1/private/shared`, { headers: bearer })
  assert.deepEqual(await listC.json(), { shared: [] })
  const trpcB = (await (await fetch(`${b.gatewayUrl}/trpc/private.shared`, { headers: bearer })).json()) as {
    result: { data: { shared: { cid: string }[] } }
  }
  assert.deepEqual(
    trpcB.result.data.shared.map((s) => s.cid),
    [result.cid],
  )
})
