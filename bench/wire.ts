/**
 * bench:wire: bulk transfer of 1 GiB through an authenticated, encrypted wire session between two
 * processes on 127.0.0.1, against (a) a plain TCP socket pair between two processes and (b) the
 * AEAD's own one-core throughput (encrypt 1 GiB in 1 MiB buffers in-process), all in this run.
 *
 *   npm run bench:wire          # prints MB/s for each, both ratios, ends with `ratio N` (wire / plain TCP)
 *
 * BENCH_WIRE_MIB (default 1024), BENCH_WIRE_BODY_KIB (default 1024) and BENCH_ROUNDS (default 2)
 * override the transfer size, the message body size and the repetitions (best run is kept,
 * because the machine is shared). The parent process is always the receiver; the sender is a
 * child process started with the same file (`child` argument).
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { createCipheriv, randomFillSync } from 'node:crypto'
import { once } from 'node:events'
import { createConnection, createServer, type Socket } from 'node:net'
import { fileURLToPath } from 'node:url'
import { generateIdentity } from '../packages/identity/src/index.ts'
import { type AeadAlgorithm, connect, listen, WIRE_AEAD } from '../packages/wire/src/index.ts'

const TOTAL_BYTES = Number(process.env.BENCH_WIRE_MIB ?? 1024) * 1024 * 1024
const BODY_BYTES = Number(process.env.BENCH_WIRE_BODY_KIB ?? 1024) * 1024
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2)
const MB = 1e6

function mbps(bytes: number, ms: number): number {
  return bytes / MB / (ms / 1000)
}

/** A transfer's wall-clock throughput and its CPU cost (both processes, user + system). */
interface Transfer {
  mbps: number
  cpuSeconds: number
  /** CPU seconds of the sending process alone (undefined for the in-process AEAD run). */
  senderCpuSeconds?: number
  /** CPU seconds of the receiving process alone (undefined for the in-process AEAD run). */
  receiverCpuSeconds?: number
}

function cpuSeconds(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1e6
}

/** CPU seconds the child reports for its sending loop. */
function childCpu(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => child.once('message', (m) => resolve(Number(m))))
}

/** One core encrypting TOTAL_BYTES in BODY_BYTES buffers, the way FrameSealer does per frame. */
function aeadAlone(algorithm: AeadAlgorithm): Transfer {
  const key = randomFillSync(Buffer.alloc(32))
  const nonce = Buffer.alloc(12)
  const body = randomFillSync(Buffer.alloc(BODY_BYTES))
  const aad = Buffer.alloc(4)
  const started = performance.now()
  const cpu = process.cpuUsage()
  for (let done = 0, n = 0; done < TOTAL_BYTES; done += BODY_BYTES, n++) {
    nonce.writeUInt32BE(n, 8)
    const cipher = createCipheriv(algorithm as 'aes-256-gcm', key, nonce, { authTagLength: 16 })
    cipher.setAAD(aad)
    cipher.update(body)
    cipher.final()
    cipher.getAuthTag()
  }
  return { mbps: mbps(TOTAL_BYTES, performance.now() - started), cpuSeconds: cpuSeconds(process.cpuUsage(cpu)) }
}

function startSender(mode: 'plain' | 'wire', port: number, extra: string[] = []): ChildProcess {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), 'child', mode, String(port), ...extra],
    { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  )
  return child
}

/** Plain TCP: the child writes TOTAL_BYTES; we time first byte to last byte. */
async function plainTcp(): Promise<Transfer> {
  const server = createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const port = (server.address() as { port: number }).port
  const child = startSender('plain', port)
  const senderCpu = childCpu(child)
  const [socket] = (await once(server, 'connection')) as [Socket]
  let received = 0
  let started = 0
  let cpu = process.cpuUsage()
  const ms = await new Promise<number>((resolve) => {
    socket.on('data', (chunk: Buffer) => {
      if (received === 0) {
        started = performance.now()
        cpu = process.cpuUsage()
      }
      received += chunk.length
      if (received >= TOTAL_BYTES) resolve(performance.now() - started)
    })
  })
  const receiverCpu = cpuSeconds(process.cpuUsage(cpu))
  socket.destroy()
  server.close()
  const sender = await senderCpu
  const result = {
    mbps: mbps(TOTAL_BYTES, ms),
    cpuSeconds: receiverCpu + sender,
    senderCpuSeconds: sender,
    receiverCpuSeconds: receiverCpu,
  }
  await once(child, 'exit')
  return result
}

/** Wire: the child dials, handshakes and send()s TOTAL_BYTES as BODY_BYTES messages. */
async function wire(): Promise<Transfer> {
  let received = 0
  let started = 0
  let cpu = process.cpuUsage()
  let receiverCpu = 0
  let finish!: (ms: number) => void
  const done = new Promise<number>((resolve) => (finish = resolve))
  const listener = await listen({
    identity: generateIdentity(),
    host: '127.0.0.1',
    port: 0,
    handlers: {
      onMessage: (body) => {
        if (received === 0) {
          started = performance.now()
          cpu = process.cpuUsage()
        }
        received += body.length
        if (received >= TOTAL_BYTES) {
          receiverCpu = cpuSeconds(process.cpuUsage(cpu))
          finish(performance.now() - started)
        }
      },
    },
  })
  const child = startSender('wire', listener.port)
  const senderCpu = childCpu(child)
  const ms = await done
  const sender = await senderCpu
  const result = {
    mbps: mbps(TOTAL_BYTES, ms),
    cpuSeconds: receiverCpu + sender,
    senderCpuSeconds: sender,
    receiverCpuSeconds: receiverCpu,
  }
  await listener.close()
  await once(child, 'exit')
  return result
}

async function child(mode: string, port: number): Promise<void> {
  const body = randomFillSync(Buffer.alloc(BODY_BYTES))
  if (mode === 'plain') {
    const socket = createConnection({ host: '127.0.0.1', port })
    await once(socket, 'connect')
    const cpu = process.cpuUsage()
    for (let sent = 0; sent < TOTAL_BYTES; sent += BODY_BYTES) {
      if (!socket.write(body)) await once(socket, 'drain')
    }
    if (socket.writableLength > 0) await once(socket, 'drain')
    process.send?.(cpuSeconds(process.cpuUsage(cpu)))
    // The parent destroys the connection once it has every byte.
    await once(socket, 'close')
    process.disconnect?.()
    return
  }
  const session = await connect({ identity: generateIdentity(), host: '127.0.0.1', port })
  const cpu = process.cpuUsage()
  for (let sent = 0; sent < TOTAL_BYTES; sent += BODY_BYTES) await session.send(body)
  process.send?.(cpuSeconds(process.cpuUsage(cpu)))
  await session.closed
  process.disconnect?.()
}

function better(a: Transfer | undefined, b: Transfer): Transfer {
  return a && a.mbps >= b.mbps ? a : b
}

function line(label: string, t: Transfer): string {
  const perCpu = TOTAL_BYTES / MB / t.cpuSeconds
  const alone = (who: string, s: number | undefined) => (s ? `, ${who} alone ${(TOTAL_BYTES / MB / s).toFixed(0)}` : '')
  const sender = alone('sender', t.senderCpuSeconds) + alone('receiver', t.receiverCpuSeconds)
  return `${label.padEnd(44)}${t.mbps.toFixed(0).padStart(6)} MB/s   (${perCpu.toFixed(0)} MB per CPU-second${sender})`
}

async function main(): Promise<void> {
  const gib = (TOTAL_BYTES / 2 ** 30).toFixed(2)
  console.log(`bench:wire  ${gib} GiB, ${BODY_BYTES / 1024} KiB bodies, best of ${ROUNDS}`)
  let gcm: Transfer | undefined
  let chacha: Transfer | undefined
  let plain: Transfer | undefined
  let wired: Transfer | undefined
  for (let round = 0; round < ROUNDS; round++) {
    gcm = better(gcm, aeadAlone('aes-256-gcm'))
    chacha = better(chacha, aeadAlone('chacha20-poly1305'))
    plain = better(plain, await plainTcp())
    wired = better(wired, await wire())
  }
  if (!gcm || !chacha || !plain || !wired) throw new Error('BENCH_ROUNDS must be at least 1')
  const aead = WIRE_AEAD === 'aes-256-gcm' ? gcm : chacha
  console.log(line('aead aes-256-gcm, one core, in-process', gcm))
  console.log(line('aead chacha20-poly1305, one core', chacha))
  console.log(line('plain TCP, two processes', plain))
  console.log(line(`wire (${WIRE_AEAD}), two processes`, wired))
  console.log(`wire / aead alone     ${(wired.mbps / aead.mbps).toFixed(2)}   (target >= 0.8)`)
  console.log(`wire / plain TCP      ${(wired.mbps / plain.mbps).toFixed(2)}   (target >= 0.4)`)
  console.log(`ratio ${(wired.mbps / plain.mbps).toFixed(2)}`)
}

if (process.argv[2] === 'child') await child(process.argv[3], Number(process.argv[4]))
else await main()
