/**
 * bench:transfer — multi-source download throughput and smart routing (docs/transfer.md#benchmarks).
 *
 * 1. Baseline: plain TCP between two processes moving the same bytes (receiver discards them).
 *    Then the floor of this machine: the system CPU of writing the file's size to a new file (cold
 *    memory) and again (warm), and the bare pipeline (bench/bare: the engine's per-byte work, AEAD
 *    frames + SHA-256 + LMDB store, with no protocol) from one and from three source processes.
 * 2. One seeder → one leecher and three seeders → one leecher, every peer a storage process plus a
 *    transfer process on 127.0.0.1 with LMDB in a temp dir; timed from `fetch` start to the last
 *    chunk verified and stored. Prints MB/s and the leecher's peak memory (VmHWM of each process).
 * 3. Smart routing: four seeders in network namespaces behind veth links shaped by tbf
 *    (default 80/40/10/2 Mbit/s) and a leecher on the bridge; time against the ideal and an even split.
 *    Without network namespaces it says so and the run exits non-zero.
 *
 * Ends with `ratio N` = one-seeder MB/s / plain TCP MB/s (the line before it gives the bare pipeline's).
 * Env: NETSWARM_BENCH_MIB (default 256), NETSWARM_BENCH_ROUTING_MIB (default 64),
 *      NETSWARM_BENCH_ROUTING_MBIT (default 80,40,10,2),
 *      NETSWARM_BENCH_SKIP_ROUTING=1 to skip part 3.
 */
import { execFileSync, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createProcessSwarm, type ProcessPeer } from '../services/transfer/test/process/swarm.ts'
import { firstTouchCost } from './bare/first-touch.ts'
import { barePipeline } from './bare/run.ts'

const MiB = 1024 * 1024
const SIZE_MIB = Number(process.env.NETSWARM_BENCH_MIB ?? 256)
const ROUTING_MIB = Number(process.env.NETSWARM_BENCH_ROUTING_MIB ?? 64)
/**
 * Seeder link rates. The example is 400/200/50/10; the default keeps its 40:20:5:1 shape at
 * a fifth of the speed so the sum (132 Mbit/s = 16.5 MB/s) stays below what one leecher process
 * verifies and stores on a busy 2-core machine: otherwise the run measures CPU, not routing.
 */
const ROUTING_MBIT = (process.env.NETSWARM_BENCH_ROUTING_MBIT ?? '80,40,10,2').split(',').map(Number)
const teardown: Array<() => Promise<void> | void> = []
const t = { after: (fn: () => Promise<void> | void) => teardown.push(fn) }

function mbps(bytes: number, ms: number): number {
  return bytes / 1e6 / (ms / 1000)
}

function procStatus(pid: number | undefined, field: string): number {
  if (!pid) return Number.NaN
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1]) / 1024
  } catch {
    return Number.NaN
  }
}

/**
 * Samples a process's memory every 50 ms: peak resident set (VmHWM, which includes LMDB's
 * file-backed memory map of the data just written) and peak anonymous memory (heap, buffers).
 */
function memoryWatch(pid: number | undefined): () => string {
  let anon = 0
  const timer = setInterval(() => {
    anon = Math.max(anon, procStatus(pid, 'RssAnon'))
  }, 50)
  return () => {
    clearInterval(timer)
    anon = Math.max(anon, procStatus(pid, 'RssAnon'))
    return `peak RSS ${procStatus(pid, 'VmHWM').toFixed(0)} MiB (anonymous ${anon.toFixed(0)} MiB; the rest is file-backed: node, libraries, LMDB's map)`
  }
}

/** Plain TCP: a child sends `bytes` random bytes in 1 MiB writes, another child receives and discards. */
async function tcpBaseline(bytes: number): Promise<number> {
  const receiver = spawn(
    process.execPath,
    [
      '-e',
      `const s=require('net').createServer(c=>{let n=0;const t0=performance.now();c.on('data',d=>{n+=d.length});c.on('end',()=>{console.log(JSON.stringify({n,ms:performance.now()-t0}));process.exit(0)})});s.listen(0,'127.0.0.1',()=>console.log(JSON.stringify({port:s.address().port})))`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  const lines: string[] = []
  let wake: (() => void) | undefined
  receiver.stdout.on('data', (d) => {
    lines.push(...String(d).trim().split('\n'))
    wake?.()
  })
  const next = async () => {
    while (lines.length === 0) await new Promise<void>((r) => (wake = r))
    return JSON.parse(lines.shift() as string)
  }
  const { port } = await next()
  const sender = spawn(
    process.execPath,
    [
      '-e',
      `const b=require('crypto').randomBytes(${MiB});const c=require('net').connect(${port},'127.0.0.1');let left=${bytes};function go(){while(left>0){left-=b.length;if(!c.write(b))return c.once('drain',go)}c.end()}c.on('connect',go)`,
    ],
    { stdio: 'inherit' },
  )
  const result = await next()
  sender.kill()
  return mbps(result.n, result.ms)
}

async function timedFetch(
  leecher: ProcessPeer,
  cid: string,
): Promise<{ ms: number; sources: number; shares: Map<string, number> }> {
  const started = performance.now()
  let last: { state: string; peers: { peerId: string; bytesReceived: string; chunksReceived: number }[] } | undefined
  for await (const p of leecher.client.fetch(cid)) last = p
  const ms = performance.now() - started
  if (last?.state !== 'TRANSFER_STATE_DONE') throw new Error(`fetch ended in ${last?.state}`)
  const shares = new Map(last.peers.map((p) => [p.peerId, Number(p.bytesReceived)]))
  return { ms, sources: last.peers.filter((p) => p.chunksReceived > 0).length, shares }
}

let lastTcpAfter = Number.NaN

interface Throughput {
  one: number
  three: number
  bareOne: number
  bareThree: number
}

async function throughput(afterOne: () => Promise<number>): Promise<Throughput> {
  const bytes = SIZE_MIB * MiB
  const swarm = createProcessSwarm(t)
  const file = swarm.randomFile('bench.bin', bytes)

  // The floor of this machine: the engine's per-byte work (bench/bare) with no protocol around it.
  const touch = firstTouchCost(bytes)
  console.log(
    `writing ${SIZE_MIB} MiB to a new file: ${touch.coldMs.toFixed(0)} ms of system CPU; again right after deleting it: ${touch.warmMs.toFixed(0)} ms ` +
      '(memory the kernel has to find for new data costs more than the copy on this machine)',
  )
  const bareOne = await barePipeline(file.path, 1)
  console.log(
    `bare pipeline, 1 source -> 1 sink (same AEAD frames, SHA-256 verification, LMDB store; no protocol): ${bareOne.toFixed(1)} MB/s`,
  )
  const bareThree = await barePipeline(file.path, 3)
  console.log(
    `bare pipeline, 3 sources -> 1 sink: ${bareThree.toFixed(1)} MB/s = ${(bareThree / bareOne).toFixed(2)} x one source`,
  )

  const peers = await swarm.peers(5)
  const seeders = peers.slice(0, 3)
  let cid = ''
  for (const s of seeders) cid = (await s.client.publish({ path: file.path }, { replicationFactor: 1 })).cid

  // One seeder: a leecher that only knows seeder 0.
  const [solo] = await swarm.plan(1)
  const leecher1 = await swarm.start(solo, [seeders[0].address])
  const mem1 = memoryWatch(leecher1.transfer.pid)
  const one = await timedFetch(leecher1, cid)
  const mem1Text = mem1()
  const oneMBps = mbps(bytes, one.ms)
  console.log(
    `1 seeder -> 1 leecher: ${SIZE_MIB} MiB in ${(one.ms / 1000).toFixed(2)} s = ${oneMBps.toFixed(1)} MB/s; ` +
      `leecher transfer process ${mem1Text}`,
  )
  await leecher1.kill()
  lastTcpAfter = await afterOne()

  // Three seeders: peers[3] knows everyone.
  const leecher3 = peers[3]
  const mem3 = memoryWatch(leecher3.transfer.pid)
  const three = await timedFetch(leecher3, cid)
  const mem3Text = mem3()
  const threeMBps = mbps(bytes, three.ms)
  console.log(
    `3 seeders -> 1 leecher: ${SIZE_MIB} MiB in ${(three.ms / 1000).toFixed(2)} s = ${threeMBps.toFixed(1)} MB/s ` +
      `(${three.sources} sources used); leecher transfer process ${mem3Text}`,
  )
  console.log(`three/one seeders: ${(threeMBps / oneMBps).toFixed(2)}`)
  console.log(
    `engine / bare pipeline: one seeder ${(oneMBps / bareOne).toFixed(2)}, three seeders ${(threeMBps / bareThree).toFixed(2)}`,
  )
  return { one: oneMBps, three: threeMBps, bareOne, bareThree }
}

/** Network namespaces with tbf-shaped veth links; returns false (after saying why) when unavailable. */
async function routing(): Promise<boolean> {
  const rates = ROUTING_MBIT
  const tag = `nsb${process.pid % 10000}`
  const bridge = `${tag}br`
  const sh = (...args: string[]) => execFileSync(args[0], args.slice(1), { stdio: 'pipe' })
  const made: string[] = []
  const cleanup = () => {
    for (const ns of made) {
      try {
        sh('ip', 'netns', 'del', ns)
      } catch {}
    }
    try {
      sh('ip', 'link', 'del', bridge)
    } catch {}
  }
  try {
    sh('ip', 'link', 'add', bridge, 'type', 'bridge')
    sh('ip', 'addr', 'add', '10.213.0.1/24', 'dev', bridge)
    sh('ip', 'link', 'set', bridge, 'up')
    rates.forEach((rate, i) => {
      const ns = `${tag}s${i}`
      const inner = `${tag}v${i}`
      const outer = `${tag}b${i}`
      sh('ip', 'netns', 'add', ns)
      made.push(ns)
      sh('ip', 'link', 'add', inner, 'type', 'veth', 'peer', 'name', outer)
      sh('ip', 'link', 'set', inner, 'netns', ns)
      sh('ip', 'link', 'set', outer, 'master', bridge)
      sh('ip', 'link', 'set', outer, 'up')
      sh('ip', '-n', ns, 'addr', 'add', `10.213.0.${11 + i}/24`, 'dev', inner)
      sh('ip', '-n', ns, 'link', 'set', inner, 'up')
      sh('ip', '-n', ns, 'link', 'set', 'lo', 'up')
      // Shapes what the seeder uploads (its egress), which is what the leecher downloads.
      sh(
        'ip',
        'netns',
        'exec',
        ns,
        'tc',
        'qdisc',
        'add',
        'dev',
        inner,
        'root',
        'tbf',
        'rate',
        `${rate}mbit`,
        'burst',
        '64kb',
        'latency',
        '50ms',
      )
    })
  } catch (err) {
    cleanup()
    console.log(
      `smart routing: network namespaces cannot be made here (${(err as Error).message.split('\n')[0]}); not measured`,
    )
    return false
  }
  teardown.push(cleanup)
  const bytes = ROUTING_MIB * MiB
  const swarm = createProcessSwarm(t)
  const file = swarm.randomFile('routing.bin', bytes)
  const planned = await swarm.plan(
    5,
    rates
      .map((_, i) => ({ host: `10.213.0.${11 + i}`, netns: `${tag}s${i}` }))
      .concat([{ host: '10.213.0.1', netns: undefined as never }]),
  )
  const all = planned.map((p) => `${p.peerId}@${p.host}:${p.wirePort}`)
  const peers = await Promise.all(planned.map((p) => swarm.start(p, all)))
  const leecher = peers[4]
  let cid = ''
  for (const s of peers.slice(0, 4)) cid = (await s.client.publish({ path: file.path }, { replicationFactor: 1 })).cid
  const { ms, shares } = await timedFetch(leecher, cid)
  const split = peers
    .slice(0, 4)
    .map((p, i) => `${rates[i]} Mbit/s: ${(((shares.get(p.peerId) ?? 0) / bytes) * 100).toFixed(0)}%`)
  console.log(`smart routing bytes per seeder (ideal share = rate / sum): ${split.join(', ')}`)
  const totalBytesPerMs = rates.reduce((a, r) => a + (r * 1e6) / 8 / 1000, 0)
  const ideal = bytes / totalBytesPerMs
  const evenSplit = bytes / 4 / ((Math.min(...rates) * 1e6) / 8 / 1000)
  console.log(
    `smart routing (${rates.join('/')} Mbit/s, ${ROUTING_MIB} MiB): ${(ms / 1000).toFixed(2)} s; ideal ${(ideal / 1000).toFixed(2)} s ` +
      `(x${(ms / ideal).toFixed(2)}), even split ${(evenSplit / 1000).toFixed(2)} s (x${(ms / evenSplit).toFixed(2)})`,
  )
  return true
}

let exitCode = 0
try {
  // The machine is shared: measure the baseline right before and after the one-seeder run and use
  // their geometric mean, so the ratio compares figures taken under the same load.
  const tcpBefore = await tcpBaseline(SIZE_MIB * MiB)
  console.log(`plain TCP between two processes (before): ${SIZE_MIB} MiB at ${tcpBefore.toFixed(0)} MB/s`)
  const { one, bareOne } = await throughput(async () => {
    const tcpAfter = await tcpBaseline(SIZE_MIB * MiB)
    console.log(`plain TCP between two processes (after): ${SIZE_MIB} MiB at ${tcpAfter.toFixed(0)} MB/s`)
    return tcpAfter
  })
  const tcp = Math.sqrt(tcpBefore * lastTcpAfter)
  if (process.env.NETSWARM_BENCH_SKIP_ROUTING !== '1' && !(await routing())) exitCode = 1
  console.log(
    `one seeder / plain TCP (geometric mean ${tcp.toFixed(0)} MB/s); bare pipeline / plain TCP ${(bareOne / tcp).toFixed(3)}`,
  )
  console.log(`ratio ${(one / tcp).toFixed(3)}`)
} finally {
  for (const fn of teardown.reverse()) await fn()
}
process.exit(exitCode)
