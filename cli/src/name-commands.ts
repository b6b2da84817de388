import { type Command, Option } from 'commander'
import type { ApiClient } from './api-client.ts'
import { backupCommand, pruneCommand, restoreCommand } from './commands/backup.ts'
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
    .description('publish a file or folder (uploaded first) or a CID as the next version of a name')
    .argument('<cid|path>', 'a CID or link of content this peer holds, or a file or folder to upload')
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

  program
    .command('backup')
    .description('back up a folder as a new version of a name, sending only what the peer does not hold')
    .argument('<dir>', 'folder to back up (symlinks recorded, not followed; unreadable entries reported and skipped)')
    .requiredOption('--name <label>', 'the name to publish the version under')
    .option('-m, --message <text>', 'what this version is (at most 256 bytes)')
    .option('--json', 'print the result as JSON')
    .option('--no-cache', 'read every file, even those unchanged since the last backup (file index)')
    .option('--cache-dir <dir>', 'where the file index lives (default: $NETSWARM_CACHE_DIR, $XDG_CACHE_HOME/netswarm)')
    .addOption(new Option('--events', 'one JSON line per chunk or manifest sent').hideHelp())
    .action((dir, options) => backupCommand(api(), dir, options))

  program
    .command('restore')
    .description('restore a backed-up folder (newest version, or name@N) into a new or empty folder')
    .argument('<name>', 'a label, a name key or a name link, with @N for version N')
    .argument('<dir>', 'target folder: absent or empty')
    .option('--json', 'print the result as JSON')
    .action((nameText, dir, options) => restoreCommand(api(), nameText, dir, options))

  program
    .command('prune')
    .description('apply a retention policy: unpin what no kept version uses (the newest is always kept)')
    .argument('<name>', 'a label of this peer')
    .option('--keep-last <n>', 'keep the n newest versions', '0')
    .option('--keep-daily <m>', 'keep the newest version of each of the last m days (UTC)', '0')
    .option('--json', 'print JSON')
    .action((nameText, options) => pruneCommand(api(), nameText, options))
}
