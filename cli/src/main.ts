import { parseCapability } from '@netswarm/content/private'
import { parseShareLink } from '@netswarm/gateway'
import { isNetSwarmError } from '@netswarm/runtime'
import { Command, CommanderError, Option } from 'commander'
import { ApiClient } from './api-client.ts'
import { addCommand } from './commands/add.ts'
import { catCommand, fetchCommand } from './commands/fetch.ts'
import { lsCommand, peersCommand, pinCommand, statCommand } from './commands/listings.ts'
import { CliError, EXIT } from './exit-codes.ts'
import { registerNameCommands } from './name-commands.ts'

const DEFAULT_GATEWAY = 'http://127.0.0.1:8080'

const EXIT_CODES_HELP = `
Exit codes:
  0    success
  1    unexpected failure (the message says what happened)
  2    bad arguments: unknown option, malformed CID or link, unreadable file, output exists
  3    the gateway cannot be reached (is \`netswarm node\` running? check --gateway)
  4    unknown CID: no peer provides it (after the gateway's bounded search)
  5    verification failed: the bytes do not match the CID (nothing is kept)
  6    missing or wrong API token (--token, NETSWARM_TOKEN)
  7    refused by the gateway: upload too large, storage quota full, service not ready
  8    private file without its read key, or a key that does not open it (nothing written)
  130  interrupted (Ctrl-C)

Environment:
  NETSWARM_GATEWAY   gateway URL (default ${DEFAULT_GATEWAY})
  NETSWARM_TOKEN     API token for add, pin, unpin (printed by \`netswarm node\`)`

const program = new Command()
program
  .name('netswarm')
  .description('Peer-to-peer file sharing: run peers, add files, fetch them from the swarm.')
  .addOption(new Option('-g, --gateway <url>', 'gateway to talk to').env('NETSWARM_GATEWAY').default(DEFAULT_GATEWAY))
  .addOption(new Option('-t, --token <token>', 'API token for write commands').env('NETSWARM_TOKEN'))
  .addHelpText('after', EXIT_CODES_HELP)
  .showHelpAfterError('(run `netswarm --help` for usage)')
  .exitOverride()

/** The gateway for a command; a pasted http share link brings its own gateway unless -g is on the command line. */
function api(link?: string): ApiClient {
  const opts = program.opts<{ gateway: string; token?: string }>()
  let url = opts.gateway
  if (link && /^https?:\/\//i.test(link.trim()) && program.getOptionValueSource('gateway') !== 'cli') {
    url = new URL(link.trim()).origin
  }
  return new ApiClient({ url, token: opts.token ?? process.env.NETSWARM_GATEWAY_TOKEN })
}

/** CID from a CID, netswarm:// link or share link; a bad one is a usage error (exit 2). */
function cidOf(link: string): string {
  try {
    return parseShareLink(link)
  } catch (err) {
    throw new CliError(`bad CID or link "${link}": ${(err as Error).message}`, EXIT.USAGE)
  }
}

/** The read capability in a link (`#k=<key>`), if it carries one; a malformed key is a usage error. */
function readCapability(link: string): { cid: string; readKey: Uint8Array } | undefined {
  if (!link.includes('#')) return undefined
  let capability: ReturnType<typeof parseCapability>
  try {
    capability = parseCapability(link)
  } catch (err) {
    throw new CliError(`bad link "${link.split('#')[0]}#...": ${(err as Error).message}`, EXIT.USAGE)
  }
  return capability.readKey ? { cid: capability.cid, readKey: capability.readKey } : undefined
}

program
  .command('node')
  .description('run one full peer (dht, storage, transfer, gateway) in this process')
  .option('-d, --data-dir <dir>', 'data directory (identity, LMDB, token)', process.env.NETSWARM_DATA_DIR)
  .option('--host <host>', 'address to listen on', process.env.NETSWARM_HOST ?? '127.0.0.1')
  .option(
    '--port-base <port>',
    'first of the ports used by the services (see docs/api.md)',
    process.env.NETSWARM_PORT_BASE ?? '7100',
  )
  .option('--http-port <port>', 'gateway HTTP port', process.env.NETSWARM_HTTP_PORT ?? '8080')
  .option(
    '-b, --bootstrap <addr...>',
    'DHT address(es) of peers to join, host:port (or NETSWARM_BOOTSTRAP, comma separated)',
  )
  .option(
    '--peers <addr...>',
    'optional static transfer addresses (host:port) to ask besides DHT providers (or NETSWARM_TRANSFER_PEERS)',
  )
  .option('--transfer-port <port>', 'transfer wire port (default: port base + 1)')
  .option('--lan', 'find peers on the local network by UDP multicast (default: on unless --host is loopback)')
  .option('--no-lan', 'do not find peers on the local network')
  .option('--lan-port <port>', 'UDP port of LAN discovery', process.env.NETSWARM_LAN_PORT ?? '4002')
  .option('--no-token', 'serve write endpoints without a token (trusted machines only)')
  .option(
    '--cors <origins>',
    'comma-separated origins allowed to call the API',
    process.env.NETSWARM_GATEWAY_CORS_ORIGINS,
  )
  .option(
    '--swarm-key-file <file>',
    'join a private swarm: its secret, made by `netswarm swarm-key` (or NETSWARM_SWARM_KEY_FILE)',
  )
  .addOption(new Option('--ready-json', 'print one JSON line when ready (used by swarm)').hideHelp())
  .addOption(new Option('--exit-with-stdin', 'stop when stdin closes (used by swarm)').hideHelp())
  .action(async (options) => {
    const { nodeCommand } = await import('./commands/node.ts')
    await nodeCommand(options)
  })

program
  .command('swarm')
  .description('run a local swarm of N peers on this machine, each with its own gateway; Ctrl-C stops all')
  .option('-n, --peers <n>', 'how many peers', '3')
  .option('-d, --dir <dir>', "parent directory of the peers' data (default: a temporary directory, removed on exit)")
  .option('--port-base <port>', 'first port; each peer uses 10 from here', process.env.NETSWARM_PORT_BASE ?? '7100')
  .option('--http-port <port>', 'gateway HTTP port of the first peer (the next peers count up)', '8080')
  .option('--console-port <port>', 'web console port (0 = any free port)', process.env.NETSWARM_CONSOLE_PORT ?? '3000')
  .option('--no-console', 'do not start the web console')
  .option('--json', 'print the peers as one JSON line once all are ready')
  .option('--private', 'run a private swarm: make a secret (swarm.key in the data directory) for all its peers')
  .option('--swarm-key-file <file>', 'run a private swarm with this existing secret (implies --private)')
  .action(async (options) => {
    const { swarmCommand } = await import('./commands/swarm.ts')
    await swarmCommand(options)
  })

program
  .command('swarm-key')
  .description("make a private swarm's secret: prints it, or writes it to a file readable by its owner only")
  .option('-o, --output <file>', 'write the key to this file (mode 0600; never overwrites)')
  .option('--fingerprint <file>', "print an existing key's fingerprint (safe to compare in public)")
  .action(async (options) => {
    const { swarmKeyCommand } = await import('./commands/swarm-key.ts')
    await swarmKeyCommand(options)
  })

program
  .command('add')
  .description('upload a file or a whole folder to the gateway; prints its CID and share link')
  .argument('<file>', 'file or folder to add')
  .option('--skip-unreadable', 'folders: report unreadable files and go on instead of failing')
  .option('--name <name>', "file name to store (default: the file's own name)")
  .option('--type <media-type>', 'media type (default: from the extension)')
  .option('-q, --quiet', 'print only the CID')
  .option('--json', 'print the result as JSON')
  .option('--private', 'encrypt here first; prints a read link (shown once) and a verify link')
  .option('--public', 'announce the file to search (name, type, size, tags; not announced by default)')
  .option('--tag <tag...>', 'search tags of a --public file')
  .option('--description <text>', 'search description of a --public file')
  .action(async (file, options) => {
    if (options.public && options.private) throw new CliError('--public and --private exclude each other', EXIT.USAGE)
    if (!options.private) return addCommand(api(), file, options)
    const { addPrivateCommand } = await import('./commands/private.ts')
    await addPrivateCommand(api(), file, options)
  })

program
  .command('search')
  .description('find public files of the swarm by name, tag or description words')
  .argument('<words...>', 'words to find (all must match for a full match)')
  .option('--limit <n>', 'most results (1-200)', '20')
  .option('--timeout <ms>', 'deadline of the query in milliseconds', '5000')
  .option('--prefix', 'the last word also matches longer words (type-ahead)')
  .option('--json', 'print the results as JSON')
  .action(async (words: string[], options) => {
    const { searchCommand } = await import('./commands/search.ts')
    await searchCommand(api(), words.join(' '), options)
  })

program
  .command('fetch')
  .description('download a file or folder from the swarm through the gateway, verifying every byte')
  .argument('<cid|link>', 'a CID, netswarm://<cid>, a share link http://host:port/f/<cid>, or a read link (#k=...)')
  .option(
    '-o, --output <path>',
    "file or directory to write (default: the file's name, sanitized, here); a folder is restored into a new or empty <path>",
  )
  .option('-f, --force', 'overwrite an existing file')
  .option('-q, --quiet', 'no progress output')
  .option('--json', 'print the result as JSON')
  .action(async (link, options) => {
    const capability = readCapability(link)
    if (!capability) return fetchCommand(api(link), cidOf(link), options)
    const { fetchPrivateCommand } = await import('./commands/private.ts')
    await fetchPrivateCommand(api(link), capability.cid, capability.readKey, options)
  })

program
  .command('share')
  .description('share a private file with a public key (the read key is wrapped for it here)')
  .argument('<link>', 'the read link of a private file (netswarm://<cid>#k=...)')
  .requiredOption('--to <key>', 'the recipient public key (hex, as `netswarm identity` prints it)')
  .option('--json', 'print JSON')
  .action(async (link, options) => {
    const capability = readCapability(link)
    if (!capability)
      throw new CliError('share needs the read link of a private file (netswarm://<cid>#k=...)', EXIT.USAGE)
    const { shareCommand } = await import('./commands/private.ts')
    await shareCommand(api(link), capability.cid, capability.readKey, options)
  })

program
  .command('shared')
  .description('list the private files shared with this peer, with their read links')
  .option('--json', 'print JSON')
  .action(async (options) => {
    const { sharedCommand } = await import('./commands/private.ts')
    await sharedCommand(api(), options)
  })

program
  .command('identity')
  .description("this peer's public key (give it to people who share private files with you)")
  .option('--json', 'print JSON')
  .action(async (options) => {
    const { identityCommand } = await import('./commands/private.ts')
    await identityCommand(api(), options)
  })

program
  .command('cat')
  .description('write a file to stdout (verified; exit 5 if the bytes do not match)')
  .argument('<cid|link>', 'a CID, netswarm://<cid>, or a share link')
  .action((link) => catCommand(api(link), cidOf(link)))

program
  .command('ls')
  .description('list the files stored on the peer')
  .option('--limit <n>', 'files per page (1-500)', '50')
  .option('--cursor <cursor>', 'continue after a previous page')
  .option('-a, --all', 'list every page')
  .option('--json', 'print JSON')
  .action((options) => lsCommand(api(), { ...options, limit: Number(options.limit) }))

program
  .command('pin')
  .description('keep a file on the peer (fetches it first if needed)')
  .argument('<cid|link>')
  .option('--json', 'print JSON')
  .action((link, options) => pinCommand(api(link), cidOf(link), true, options))

program
  .command('unpin')
  .description('let garbage collection remove a file from the peer')
  .argument('<cid|link>')
  .option('--json', 'print JSON')
  .action((link, options) => pinCommand(api(link), cidOf(link), false, options))

program
  .command('peers')
  .description('peers known to this peer: address, RTT, throughput')
  .option('--json', 'print JSON')
  .action((options) => peersCommand(api(), options))

program
  .command('stat')
  .description('storage and network figures of the peer, or details of one file')
  .argument('[cid|link]', 'a file to describe')
  .option('--json', 'print JSON')
  .action((link, options) => statCommand(link ? api(link) : api(), link ? cidOf(link) : undefined, options))

registerNameCommands(program, api)

process.once('SIGINT', () => process.exit(EXIT.INTERRUPTED))

try {
  await program.parseAsync(process.argv)
} catch (err) {
  if (err instanceof CommanderError) {
    // Help and version exit 0; every other parse error is a usage error.
    process.exit(err.exitCode === 0 ? 0 : EXIT.USAGE)
  }
  if (err instanceof CliError) {
    process.stderr.write(`netswarm: ${err.message}\n`)
    process.exit(err.exitCode)
  }
  if (isNetSwarmError(err) && err.code === 'INVALID_ARGUMENT') {
    process.stderr.write(`netswarm: ${err.message}\n`)
    process.exit(EXIT.USAGE)
  }
  process.stderr.write(`netswarm: unexpected error: ${(err as Error).stack ?? String(err)}\n`)
  process.exit(EXIT.FAILURE)
}
