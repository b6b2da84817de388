import type { ApiClient, ListedFile } from '../api-client.ts'
import { formatBytes, printJson, table } from '../format.ts'

/** `netswarm ls`: files stored on the peer, a page at a time (or all with --all). */
export async function lsCommand(
  api: ApiClient,
  options: { json?: boolean; limit: number; cursor?: string; all?: boolean },
): Promise<void> {
  const files: ListedFile[] = []
  let cursor = options.cursor
  let next: string | undefined
  do {
    const page = await api.listFiles({ limit: options.limit, cursor })
    files.push(...page.files)
    next = page.nextCursor
    cursor = next
  } while (options.all && next)
  if (options.json) return printJson({ files, nextCursor: next })
  if (files.length === 0) {
    process.stdout.write('no files on this peer yet (add one with `netswarm add <file>`)\n')
    return
  }
  process.stdout.write(
    `${table(
      ['CID', 'SIZE', 'PINNED', 'NAME'],
      files.map((f) => [f.cid, formatBytes(f.size), f.pinned ? 'yes' : 'no', f.name]),
    )}\n`,
  )
  if (next && !options.all) process.stdout.write(`more: netswarm ls --cursor ${next}\n`)
}

/** `netswarm peers`: routing-table contacts and exchange statistics. */
export async function peersCommand(api: ApiClient, options: { json?: boolean }): Promise<void> {
  const { self, peers } = await api.peers()
  if (options.json) return printJson({ self, peers })
  process.stdout.write(`self ${self}\n`)
  if (peers.length === 0) {
    process.stdout.write('no peers known yet\n')
    return
  }
  process.stdout.write(
    `${table(
      ['PEER', 'ADDRESS', 'RTT', 'IN', 'OUT', 'CONNECTED'],
      peers.map((p) => [
        p.peerId,
        p.addresses[0] ?? '-',
        p.rttMs > 0 ? `${p.rttMs.toFixed(1)} ms` : '-',
        `${formatBytes(p.bytesInPerSecond)}/s`,
        `${formatBytes(p.bytesOutPerSecond)}/s`,
        p.connected ? 'yes' : 'no',
      ]),
    )}\n`,
  )
}

/** `netswarm stat [cid]`: the peer's storage and DHT figures, or one file's details. */
export async function statCommand(api: ApiClient, cid: string | undefined, options: { json?: boolean }): Promise<void> {
  if (cid !== undefined) {
    const info = await api.fileInfo(cid)
    if (options.json) return printJson(info)
    process.stdout.write(
      `${table(
        ['FIELD', 'VALUE'],
        [
          ['cid', info.cid],
          ['name', info.name],
          ['type', info.mediaType],
          ['size', `${formatBytes(info.size)} (${info.size} bytes)`],
          ['chunks', `${info.chunks} (${info.chunksLocal} on this peer)`],
          ['pinned', info.pinned ? 'yes' : 'no'],
          [
            'providers',
            `${info.replication}${info.providers.length ? `: ${info.providers.map((p) => p.peerId).join(', ')}` : ''}`,
          ],
          ['link', info.link],
        ],
      )}\n`,
    )
    return
  }
  const stats = await api.stats()
  if (options.json) return printJson(stats)
  const s = stats.storage
  process.stdout.write(
    `${table(
      ['FIELD', 'VALUE'],
      [
        ['peer', stats.peerId],
        ['files', String(s.files)],
        ['stored', `${formatBytes(s.bytesStored)} in ${s.chunksStored} chunks`],
        ['pinned', formatBytes(s.pinnedBytes)],
        ['quota', s.quotaBytes > 0 ? formatBytes(s.quotaBytes) : 'unlimited'],
        ['routing table', `${stats.dht.routingTableSize} peers`],
        ['provided', `${stats.dht.providedKeys} CIDs`],
        ['transfers', `${stats.transfers.active} active`],
      ],
    )}\n`,
  )
}

/** `netswarm pin|unpin <cid>`. */
export async function pinCommand(api: ApiClient, cid: string, pin: boolean, options: { json?: boolean }) {
  const result = pin ? await api.pin(cid) : await api.unpin(cid)
  if (options.json) return printJson(result)
  process.stdout.write(`${pin ? 'pinned' : 'unpinned'} ${cid}\n`)
}
