import { open } from 'node:fs/promises'
import { resolve } from 'node:path'
import { SwarmKey } from '@netswarm/wire'
import { CliError, EXIT } from '../exit-codes.ts'

export interface SwarmKeyOptions {
  /** Write the new key to this file (mode 0600) instead of stdout. */
  output?: string
  /** Print the fingerprint of an existing key file instead of making a key. */
  fingerprint?: string
}

/**
 * `netswarm swarm-key`: makes a private swarm's secret (32 random bytes, one line of text).
 * Members get the same file and start with `--swarm-key-file` / NETSWARM_SWARM_KEY_FILE.
 */
export async function swarmKeyCommand(options: SwarmKeyOptions): Promise<void> {
  if (options.fingerprint !== undefined) {
    const key = readSwarmKeyFile(options.fingerprint)
    process.stdout.write(`${key.fingerprint}\n`)
    return
  }
  const key = SwarmKey.generate()
  if (options.output === undefined) {
    process.stdout.write(`${key.toText()}\n`)
    return
  }
  const path = resolve(options.output)
  // 'wx': never replace an existing key (members would be locked out); created owner-only.
  const file = await open(path, 'wx', 0o600).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'EEXIST') throw new CliError(`${path} exists; remove it first to make a new key`, EXIT.USAGE)
    throw new CliError(`cannot create ${path}: ${err.message}`, EXIT.USAGE)
  })
  try {
    await file.writeFile(`${key.toText()}\n`)
  } finally {
    await file.close()
  }
  process.stderr.write(
    `wrote a new swarm key to ${path} (fingerprint ${key.fingerprint})\n` +
      'give this file to every member over a private channel; start peers with --swarm-key-file\n',
  )
}

/** Reads a swarm key file for a command; a bad file is a usage error (exit 2) naming the problem. */
export function readSwarmKeyFile(path: string): SwarmKey {
  try {
    return SwarmKey.readFile(path)
  } catch (err) {
    throw new CliError((err as Error).message, EXIT.USAGE)
  }
}

/** The swarm key a peer command uses: `--swarm-key-file`, else NETSWARM_SWARM_KEY_FILE or NETSWARM_SWARM_KEY. */
export function swarmKeyFromOptions(file: string | undefined): SwarmKey | undefined {
  if (file !== undefined) return readSwarmKeyFile(file)
  const path = process.env.NETSWARM_SWARM_KEY_FILE || undefined
  const text = process.env.NETSWARM_SWARM_KEY
  // As in the services' configuration: which of the two would win is a trap.
  if (path !== undefined && text) {
    throw new CliError('set either NETSWARM_SWARM_KEY_FILE or NETSWARM_SWARM_KEY, not both', EXIT.USAGE)
  }
  if (path !== undefined) return readSwarmKeyFile(path)
  if (!text) return undefined
  try {
    return SwarmKey.parse(text)
  } catch (err) {
    throw new CliError(`NETSWARM_SWARM_KEY: ${(err as Error).message}`, EXIT.USAGE)
  }
}
