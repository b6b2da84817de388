/**
 * bench:private — reading a private file against reading the same file public (docs/crypto.md#performance).
 *
 * One seeder (storage + transfer processes, LMDB in a temp dir) holds the same random file twice:
 * as is, and as a private carrier (sealed here before publishing). For each round a fresh leecher
 * peer (its own processes, knowing only the seeder) streams the file through its transfer
 * service's ReadFile, which downloads from the seeder as it goes, exactly as the gateway's `/f/`
 * and the CLI do. The public read consumes verified bytes; the private read also decrypts them
 * here, segment by segment (bounded memory: its peak is printed). Rounds alternate public and
 * private so machine noise hits both alike.
 *
 * Prints MB/s of plaintext delivered for both (best and mean round) and ends with `ratio N` =
 * private MB/s / public MB/s of the best rounds: on a shared, loaded machine the best round is the
 * one least disturbed by other work, and the mean is printed next to it.
 * Env: NETSWARM_BENCH_MIB (default 256), NETSWARM_BENCH_ROUNDS (default 3).
 */
import { once } from 'node:events'
import { createWriteStream, readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  type CarrierReader,
  openFile,
  PRIVATE_CARRIER_NAME,
  PRIVATE_MEDIA_TYPE,
  sealFile,
} from '../packages/content/src/private/index.ts'
import { createProcessSwarm, type ProcessPeer } from '../services/transfer/test/process/swarm.ts'

const MiB = 1024 * 1024
const SIZE_MIB = Number(process.env.NETSWARM_BENCH_MIB ?? 256)
const ROUNDS = Number(process.env.NETSWARM_BENCH_ROUNDS ?? 3)
const teardown: Array<() => Promise<void> | void> = []
const t = { after: (fn: () => Promise<void> | void) => teardown.push(fn) }

function anonMiB(): number {
  const status = readFileSync('/proc/self/status', 'utf8')
  return Number(/RssAnon:\s+(\d+)/.exec(status)?.[1]) / 1024
}

/** Streams a byte range of a file through a peer's transfer service. */
function reader(peer: ProcessPeer, cid: string): CarrierReader {
  return async function* (offset, length) {
    for await (const item of peer.client.readFile(cid, { offset, length })) if ('data' in item) yield item.data
  }
}

async function readPublic(peer: ProcessPeer, cid: string): Promise<number> {
  let n = 0
  for await (const block of reader(peer, cid)(0, 0)) n += block.length
  return n
}

async function readPrivate(peer: ProcessPeer, cid: string, readKey: Uint8Array, carrierBytes: number) {
  const opened = await openFile(reader(peer, cid), carrierBytes, readKey, { prefetch: true })
  let n = 0
  for await (const block of opened.plaintext) n += block.length
  return n
}

async function main(): Promise<void> {
  const bytes = SIZE_MIB * MiB
  const swarm = createProcessSwarm(t)
  const file = swarm.randomFile('bench.bin', bytes)
  const [seeder] = await swarm.peers(1)

  const carrierPath = join(swarm.root, 'bench.private')
  const sealed = sealFile(
    (async function* () {
      for (let at = 0; at < bytes; at += 4 * MiB) yield file.bytes.subarray(at, at + 4 * MiB)
    })(),
    { name: 'bench.bin', mediaType: 'application/octet-stream' },
  )
  const out = createWriteStream(carrierPath)
  for await (const part of sealed.carrier) if (!out.write(part)) await once(out, 'drain')
  out.end()
  await once(out, 'finish')
  const publicCid = (await seeder.client.publish({ path: file.path }, { replicationFactor: 1 })).cid
  const priv = await seeder.client.publish(
    { path: carrierPath },
    { name: PRIVATE_CARRIER_NAME, mediaType: PRIVATE_MEDIA_TYPE, replicationFactor: 1 },
  )
  console.log(
    `file ${SIZE_MIB} MiB; private carrier ${(priv.size / MiB).toFixed(2)} MiB ` +
      `(+${priv.size - bytes} bytes: padding, tags, header)`,
  )

  const times = { public: [] as number[], private: [] as number[] }
  // Growth of this process's anonymous memory during private reads (decryption happens here).
  let peakGrowth = 0
  for (let round = 0; round < ROUNDS; round++) {
    for (const kind of ['public', 'private'] as const) {
      const [planned] = await swarm.plan(1)
      const leecher = await swarm.start(planned, [seeder.address])
      const baseline = anonMiB()
      const sampler = setInterval(() => {
        if (kind === 'private') peakGrowth = Math.max(peakGrowth, anonMiB() - baseline)
      }, 50)
      const started = performance.now()
      const n =
        kind === 'public'
          ? await readPublic(leecher, publicCid)
          : await readPrivate(leecher, priv.cid, sealed.readKey, priv.size)
      const ms = performance.now() - started
      clearInterval(sampler)
      if (n !== bytes) throw new Error(`${kind} read ${n} bytes, expected ${bytes}`)
      times[kind].push(ms)
      console.log(
        `round ${round + 1} ${kind}: ${(ms / 1000).toFixed(2)} s = ${(bytes / 1e6 / (ms / 1000)).toFixed(1)} MB/s`,
      )
      await leecher.kill()
    }
  }
  const mbps = (ms: number) => bytes / 1e6 / (ms / 1000)
  const mean = (list: number[]) => list.reduce((a, b) => a + b, 0) / list.length
  const pub = mbps(Math.min(...times.public))
  const pri = mbps(Math.min(...times.private))
  console.log(
    `public fetch:  ${pub.toFixed(1)} MB/s best, ${mbps(mean(times.public)).toFixed(1)} MB/s mean of ${ROUNDS}`,
  )
  console.log(
    `private fetch: ${pri.toFixed(1)} MB/s best, ${mbps(mean(times.private)).toFixed(1)} MB/s mean of ${ROUNDS} (decrypted in the reading process)`,
  )
  console.log(`mean ratio ${(mean(times.public) / mean(times.private)).toFixed(3)}`)
  console.log(
    `reader process anonymous memory grew by at most ${peakGrowth.toFixed(0)} MiB while decrypting ${SIZE_MIB} MiB (streamed, one 1 MiB segment at a time)`,
  )
  console.log(`ratio ${(pri / pub).toFixed(3)}`)
}

try {
  await main()
} finally {
  for (const fn of teardown.reverse()) await fn()
}
