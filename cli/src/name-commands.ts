import type { Command } from 'commander'
import type { ApiClient } from './api-client.ts'
import {
  historyCommand,
  nameCreateCommand,
  nameListCommand,
  nameRemoveCommand,
  publishCommand,
  resolveCommand,
} from './commands/names.ts'

/** `name`, `publish`, `resolve`, `history` (docs/versions.md). */
export function registerNameCommands(program: Command, api: () => ApiClient): void {
  const name = program.command('name').description('names: links that always open the newest version')
  name
    .command('create')
    .description('create a name (an Ed25519 key pair kept in the peer data directory)')
    .argument('<label>', 'what you call it locally: a-z, 0-9, ".", "_", "-"')
    .option('--json', 'print JSON')
    .action((label, options) => nameCreateCommand(api(), label, options))
  name
    .command('list')
    .description("this peer's names and their links")
    .option('--json', 'print JSON')
    .action((options) => nameListCommand(api(), options))
  name
    .command('remove')
    .description('delete a name key (published versions stay readable, no new ones can be made)')
    .argument('<label>')
    .action((label) => nameRemoveCommand(api(), label))

  program
    .command('publish')
    .description('publish a file (uploaded first) or a CID as the next version of a name')
    .argument('<cid|file>', 'a CID or link of content this peer holds, or a file to upload')
    .requiredOption('--name <label>', 'the name to publish under')
    .option('-m, --message <text>', 'what changed (at most 256 bytes)')
    .option('--json', 'print JSON')
    .action((target, options) => publishCommand(api(), target, options))

  program
    .command('resolve')
    .description('print the CID of the newest version of a name (or of name@N)')
    .argument('<name>', 'a label, a name key, netswarm://name/<key> or http://host/n/<key>; append @N for version N')
    .option('--json', 'print the version as JSON')
    .action((nameText, options) => resolveCommand(api(), nameText, options))

  program
    .command('history')
    .description('every version of a name: date, chunks shared with the version before, CID, message')
    .argument('<name>', 'a label, a name key or a name link')
    .option('--json', 'print JSON')
    .action((nameText, options) => historyCommand(api(), nameText, options))
}
