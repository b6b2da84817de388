import { homedir } from 'node:os'
import { resolve } from 'node:path'
import { createLogger } from '@netswarm/runtime'
import { CliError, EXIT } from '../exit-codes.ts'
import { lanDiscoveryEnabled } from '../peer/lan.ts'
import { startPeer } from '../peer/start-peer.ts'
import { loadOrCreateToken } from '../peer/token.ts'
import { swarmKeyFromOptions } from './swarm-key.ts'

export interface NodeOptions {
  dataDir?: string
  host: string
  portBase: string
  httpPort: string
  bootstrap?: string[]
  peers?: string[]
  transferPort?: string
  /** true with --lan, false with --no-lan; otherwise on unless `host` is loopback. */
  lan?: boolean
  lanPort: string
  /** false with --no-token. */
  token: boolean
  cors?: string
  /** Private swarm secret file (else NETSWARM_SWARM_KEY_FILE / NETSWARM_SWARM_KEY). */
  swarmKeyFile?: string
  readyJson?: boolean
  exitWithStdin?: boolean
}

/** The line `netswarm node --ready-json` prints once every service is up (read by `swarm`). */
export interface PeerReady {
  event: 'ready'
  peerId: string
  dhtAddress: string
  transferAddress: string
  gatewayUrl: string
  dataDir: string
  pid: number
  /** Fingerprint of the private swarm's secret; absent in the public swarm. */
  swarm?: string
}

function port(value: string, flag: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new CliError(`${flag} must be a port number, got "${value}"`, EXIT.USAGE)
  return n
}

/** `netswarm node`: one full peer in this process until SIGINT/SIGTERM. */
export async function nodeCommand(options: NodeOptions): Promise<void> {
  const dataDir = resolve(options.dataDir ?? resolve(homedir(), '.netswarm'))
  const bootstrap = (options.bootstrap ?? (process.env.NETSWARM_BOOTSTRAP ?? '').split(','))
    .map((s) => s.trim())
    .filter(Boolean)
  const transferPeers = (options.peers ?? (process.env.NETSWARM_TRANSFER_PEERS ?? '').split(','))
    .map((s) => s.trim())
    .filter(Boolean)
  for (const b of bootstrap) {
    if (!/^[^\s:]+:\d{1,5}$/.test(b)) throw new CliError(`bootstrap peer "${b}" must be host:port`, EXIT.USAGE)
  }
  const swarmKey = swarmKeyFromOptions(options.swarmKeyFile)
  const log = createLogger({ service: 'node' })
  const lan = lanDiscoveryEnabled(options.lan, options.host)
  let token: string | undefined
  let tokenNote = ''
  if (options.token) {
    const fromEnv = process.env.NETSWARM_GATEWAY_TOKEN
    if (fromEnv) token = fromEnv
    else {
      const made = await loadOrCreateToken(dataDir)
      token = made.token
      tokenNote = made.created ? `  (new; stored in ${made.path})` : `  (from ${made.path})`
    }
  }
  const peer = await startPeer({
    dataDir,
    host: options.host,
    portBase: port(options.portBase, '--port-base'),
    httpPort: port(options.httpPort, '--http-port'),
    bootstrap,
    transferPeers,
    transferPort: options.transferPort === undefined ? undefined : port(options.transferPort, '--transfer-port'),
    lanDiscovery: lan,
    lanPort: port(options.lanPort, '--lan-port'),
    swarmKey,
    token,
    corsOrigins: (options.cors ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    log,
  }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'EADDRINUSE') {
      throw new CliError(
        `a port is already in use (${err.message}); pick others with --port-base / --http-port`,
        EXIT.FAILURE,
      )
    }
    throw err
  })

  let stopping = false
  const stop = async () => {
    if (stopping) return
    stopping = true
    await peer.stop()
    process.exit(0)
  }
  process.removeAllListeners('SIGINT')
  process.on('SIGINT', () => void stop())
  process.on('SIGTERM', () => void stop())
  if (options.exitWithStdin) {
    // Started by `netswarm swarm`: when the parent dies, its end of our stdin closes.
    process.stdin.on('end', () => void stop())
    process.stdin.on('close', () => void stop())
    process.stdin.resume()
  }

  const ready: PeerReady = {
    event: 'ready',
    peerId: peer.peerId,
    dhtAddress: peer.dhtAddress,
    transferAddress: peer.transferAddress,
    gatewayUrl: peer.gateway.url,
    dataDir,
    pid: process.pid,
    ...(swarmKey ? { swarm: swarmKey.fingerprint } : {}),
  }
  if (options.readyJson) {
    process.stdout.write(`${JSON.stringify(ready)}\n`)
    return
  }
  process.stdout.write(
    'netswarm peer is running (Ctrl-C to stop)\n' +
      `  peer id   ${peer.peerId}\n` +
      `  dht       ${peer.dhtAddress}\n` +
      `  transfer  ${peer.transferAddress}\n` +
      `  gateway   ${peer.gateway.url}\n` +
      `  data      ${dataDir}\n` +
      `  lan       ${lanNote(lan, options)}\n` +
      `  swarm     ${swarmKey ? `private (key fingerprint ${swarmKey.fingerprint})` : 'public'}\n` +
      (token ? `  token     ${token}${tokenNote}\n` : '  token     none (write endpoints are open)\n') +
      `join it from another peer with: netswarm node --bootstrap ${peer.dhtAddress} --port-base <other> --http-port <other>\n`,
  )
}

function lanNote(on: boolean, options: NodeOptions): string {
  if (on) return 'discovery on (--no-lan turns it off)'
  if (options.lan === false) return 'discovery off (--no-lan)'
  return `discovery off: listening on ${options.host} only (--host 0.0.0.0 to join the LAN)`
}
