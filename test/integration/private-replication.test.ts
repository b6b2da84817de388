import assert from 'node:assert/strict'
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import {
  generateReadKey,
  memoryReader,
  openFile,
  PRIVATE_CARRIER_NAME,
  PRIVATE_MEDIA_TYPE,
  PrivateKeyError,
  sealFile,
} from '@netswarm/content/private'
import { createStorageClient } from '@netswarm/storage'
import { createProcessSwarm, type ProcessPeer, readAll } from '../../services/transfer/test/process/swarm.ts'

const SEGMENT = 1024 * 1024
const SEGMENTS = 4

/** Plaintext whose every 64 KiB holds a distinctive marker, so every chunk of it can be searched for. */
function markedPlaintext(): { bytes: Buffer; markers: Buffer[] } {
  const bytes = Buffer.alloc(SEGMENTS * SEGMENT - 333)
  const markers: Buffer[] = []
  for (let at = 0, n = 0; at + 64 < bytes.length; at += 64 * 1024, n++) {
    const marker = Buffer.from(`PLAINTEXT-MARKER-${String(n).padStart(4, '0')}-do-not-leak`)
    marker.copy(bytes, at)
    markers.push(marker)
  }
  return { bytes, markers }
}

/** Every byte a peer wrote to disk: its LMDB files and anything else in its data directory. */
function diskBytes(dir: string): Buffer[] {
  const out: Buffer[] = []
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) out.push(...diskBytes(path))
    else out.push(readFileSync(path))
  }
  return out
}

function leaks(dir: string, markers: Buffer[]): string[] {
  const files = diskBytes(dir)
  return markers.filter((m) => files.some((f) => f.includes(m))).map((m) => m.toString())
}

async function pinnedBy(peers: ProcessPeer[], cid: string): Promise<ProcessPeer[]> {
  const out: ProcessPeer[] = []
  for (const p of peers) {
    const storage = createStorageClient(p.storageGrpc)
    try {
      const pins = await storage.listPins({ pageSize: 100 })
      if (pins.files.some((f) => f.cid === cid)) out.push(p)
    } finally {
      storage.close()
    }
  }
  return out
}

async function seal(bytes: Uint8Array, readKey: Uint8Array): Promise<Buffer> {
  const sealed = sealFile(
    (async function* () {
      yield bytes
    })(),
    { name: 'secret-ledger.txt', mediaType: 'text/plain', readKey },
  )
  const parts: Uint8Array[] = []
  for await (const part of sealed.carrier) parts.push(part)
  return Buffer.concat(parts)
}

test('a private file on 3 of 5 real peers: no plaintext on disk, repair after SIGKILL, link reads it back', async (t) => {
  const swarm = createProcessSwarm(t)
  const peers = await swarm.peers(5, { NETSWARM_TRANSFER_REPAIR_INTERVAL_SEC: '1' })
  const owner = peers[0]
  const { bytes, markers } = markedPlaintext()
  assert.ok(markers.length >= 60)
  const readKey = generateReadKey()
  const carrierPath = join(swarm.root, 'carrier.bin')
  writeFileSync(carrierPath, await seal(bytes, readKey))
  const { cid } = await owner.client.publish(
    { path: carrierPath },
    { name: PRIVATE_CARRIER_NAME, mediaType: PRIVATE_MEDIA_TYPE, replicationFactor: 3 },
  )
  const { holders } = await owner.client.replicate(cid, 3)
  assert.equal(new Set(holders).size, 3)
  const before = await pinnedBy(peers, cid)
  assert.equal(before.length, 3)

  // The bytes every holder stores (LMDB data files included) contain no marker of any chunk.
  for (const holder of before) {
    assert.deepEqual(leaks(holder.dataDir, markers), [], `${holder.name} stores plaintext`)
  }

  // Repair works on ciphertext the holders cannot read.
  const victim = before.find((p) => p !== owner) as ProcessPeer
  const killedAt = Date.now()
  await victim.kill()
  const survivors = peers.filter((p) => p !== victim)
  await Promise.race(
    survivors.map((p) =>
      p.waitForLog(
        (l) => l.msg === 'replication round' && (l.time as number) >= killedAt && (l.requested as string[]).length > 0,
      ),
    ),
  )
  const after = await pinnedBy(survivors, cid)
  assert.equal(after.length, 3, `holders after repair: ${after.map((p) => p.name)}`)
  const newcomer = after.find((p) => !before.includes(p)) as ProcessPeer
  assert.deepEqual(leaks(newcomer.dataDir, markers), [], `${newcomer.name} (new replica) stores plaintext`)

  // A peer that never held it reads the carrier from the swarm; the read key gives the exact bytes.
  const reader = survivors.find((p) => !after.includes(p)) ?? survivors[survivors.length - 1]
  const carrier = await readAll(reader.client, cid)
  const opened = await openFile(memoryReader(carrier), carrier.length, readKey)
  const parts: Uint8Array[] = []
  for await (const part of opened.plaintext) parts.push(part)
  assert.ok(Buffer.concat(parts).equals(bytes), 'plaintext differs')
  assert.equal(opened.header.name, 'secret-ledger.txt')
  await assert.rejects(openFile(memoryReader(carrier), carrier.length, generateReadKey()), PrivateKeyError)

  // Control: the same search does find the markers once the same bytes are added publicly
  // (last: repair rounds would copy the public file to other peers too).
  const publicPath = join(swarm.root, 'public.bin')
  writeFileSync(publicPath, bytes)
  await owner.client.publish({ path: publicPath }, { name: 'public.txt', replicationFactor: 1 })
  assert.equal(leaks(owner.dataDir, markers).length, markers.length)
})
