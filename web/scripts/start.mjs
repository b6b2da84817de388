#!/usr/bin/env node
// Starts the NetSwarm console (building it first when needed) and prints its URL.
//
//   node web/scripts/start.mjs --gateways http://127.0.0.1:8080,http://127.0.0.1:8081 [--port 3000] [--host 127.0.0.1]
//   node web/scripts/start.mjs --swarm 3 [--port 3000]     # also starts `netswarm swarm --peers 3`
//
// Gateways can also come from NETSWARM_CONSOLE_GATEWAYS. Ctrl-C stops everything it started.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import { ensureBuild, startConsole, WEB_DIR } from './console.mjs'

const { values } = parseArgs({
  options: {
    gateways: { type: 'string' },
    port: { type: 'string', default: process.env.NETSWARM_CONSOLE_PORT ?? '3000' },
    host: { type: 'string', default: process.env.NETSWARM_CONSOLE_HOST ?? '127.0.0.1' },
    swarm: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
})
if (values.help) {
  process.stdout.write(
    'usage: start.mjs [--gateways url,url...] [--swarm N] [--port 3000] [--host 127.0.0.1]\n' +
      '  --gateways  gateway base URLs, one per peer (default: $NETSWARM_CONSOLE_GATEWAYS or http://127.0.0.1:8080)\n' +
      '  --swarm N   start a local swarm of N peers first and serve their gateways\n',
  )
  process.exit(0)
}
const port = Number(values.port)
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`--port must be a port number, got "${values.port}"\n`)
  process.exit(2)
}

let swarm
let token
let consoleServer
const stopAll = async (code) => {
  await consoleServer?.stop()
  if (swarm && swarm.exitCode === null && swarm.signalCode === null) {
    swarm.kill('SIGTERM')
    await once(swarm, 'exit')
  }
  process.exit(code)
}
process.on('SIGINT', () => void stopAll(0))
process.on('SIGTERM', () => void stopAll(0))

let gateways = (values.gateways ?? process.env.NETSWARM_CONSOLE_GATEWAYS ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean)

if (values.swarm) {
  const bin = join(WEB_DIR, '..', 'cli', 'bin', 'netswarm.mjs')
  // This script serves the console itself, so the swarm must not start its own.
  swarm = spawn(process.execPath, [bin, 'swarm', '--peers', values.swarm, '--json', '--no-console'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const ready = await new Promise((resolve, reject) => {
    createInterface({ input: swarm.stdout }).on('line', (line) => {
      if (!line.startsWith('{')) return process.stdout.write(`${line}\n`)
      const event = JSON.parse(line)
      if (event.event === 'swarm-ready') resolve(event)
    })
    once(swarm, 'exit').then(([code]) => reject(new Error(`netswarm swarm exited (${code})`)))
  })
  gateways = ready.peers.map((p) => p.gatewayUrl)
  token = ready.token
  for (const [i, p] of ready.peers.entries()) process.stdout.write(`  peer ${i}  ${p.gatewayUrl}  ${p.peerId}\n`)
}
if (gateways.length === 0) gateways = ['http://127.0.0.1:8080']

try {
  await ensureBuild({ log: (line) => process.stdout.write(`${line}\n`) })
  consoleServer = await startConsole({ gateways, host: values.host, port })
} catch (err) {
  process.stderr.write(`console: ${err.message}\n`)
  await stopAll(1)
}
process.stdout.write(`console: ${consoleServer.url}  (peers: ${gateways.join(', ')})\n`)
if (token) process.stdout.write(`token: ${token}\n`)
consoleServer.process.once('exit', (code) => {
  process.stderr.write(`console: next start exited (${code})\n`)
  void stopAll(1)
})
