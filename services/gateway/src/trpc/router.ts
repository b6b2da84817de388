import { z } from 'zod'
import { listFolder, MAX_FOLDER_PAGE } from '../folders.ts'
import { parseShareLink } from '../links.ts'
import {
  fileInfo,
  listFiles,
  listPeers,
  listTransfers,
  MAX_PAGE_SIZE,
  nodeStats,
  type PeerView,
  pinFile,
  replicateFile,
  unpinFile,
} from '../operations.ts'
import { protectedProcedure, publicProcedure, router } from './init.ts'
import { namesRouter } from './routers/names.ts'
import { privateRouter } from './routers/private.ts'
import { searchRouter } from './routers/search.ts'
import { diffIds, watchSnapshots } from './watch.ts'

const cidInput = z.object({ cid: z.string().min(1).max(500) })

const filesRouter = router({
  list: publicProcedure
    .input(z.object({ cursor: z.string().optional(), limit: z.number().int().min(1).max(MAX_PAGE_SIZE).default(50) }))
    .query(({ ctx, input }) => listFiles(ctx.backend, input, ctx.baseUrl)),
  info: publicProcedure.input(cidInput).query(({ ctx, input, signal }) =>
    fileInfo(ctx.backend, parseShareLink(input.cid), {
      baseUrl: ctx.baseUrl,
      lookupTimeoutMs: ctx.lookupTimeoutMs,
      signal,
    }),
  ),
  pin: protectedProcedure.input(cidInput).mutation(({ ctx, input }) => pinFile(ctx.backend, parseShareLink(input.cid))),
  unpin: protectedProcedure
    .input(cidInput)
    .mutation(({ ctx, input }) => unpinFile(ctx.backend, parseShareLink(input.cid))),
  replicate: protectedProcedure
    .input(cidInput.extend({ replicationFactor: z.number().int().min(0).max(64).default(3) }))
    .mutation(({ ctx, input }) => replicateFile(ctx.backend, parseShareLink(input.cid), input.replicationFactor)),
})

const foldersRouter = router({
  /** A folder's entries at `path` (docs/folders.md); `after` continues a long listing. */
  list: publicProcedure
    .input(
      cidInput.extend({
        path: z.string().max(4096).default(''),
        after: z.string().max(1024).optional(),
        limit: z.number().int().min(1).max(MAX_FOLDER_PAGE).optional(),
      }),
    )
    .query(({ ctx, input, signal }) =>
      listFolder(
        ctx.backend,
        { ...input, cid: parseShareLink(input.cid) },
        { baseUrl: ctx.baseUrl, lookupTimeoutMs: ctx.lookupTimeoutMs, signal },
      ),
    ),
})

const transfersRouter = router({
  list: publicProcedure
    .input(z.object({ includeFinished: z.boolean().default(false) }).default({ includeFinished: false }))
    .query(({ ctx, input }) => listTransfers(ctx.backend, input.includeFinished)),
  /** Live list of transfers and their progress; a new snapshot whenever something moved. */
  watch: publicProcedure
    .input(z.object({ includeFinished: z.boolean().default(false) }).default({ includeFinished: false }))
    .subscription(({ ctx, input, signal }) =>
      watchSnapshots(() => ctx.backend.transfer.listTransfers(input.includeFinished), ctx.pollIntervalMs, signal),
    ),
  /** Starts fetching a file into this peer and streams its progress until done. */
  fetch: protectedProcedure
    .input(cidInput.extend({ pin: z.boolean().default(false) }))
    .subscription(({ ctx, input, signal }) =>
      ctx.backend.transfer.fetch(parseShareLink(input.cid), { pin: input.pin, signal }),
    ),
})

/** Peer events: a full snapshot first, then joins/leaves with the new snapshot. */
export type PeerEvent = { type: 'snapshot' | 'changed'; added: string[]; removed: string[]; peers: PeerView[] }

async function* peerEvents(
  read: () => Promise<{ peers: PeerView[] }>,
  intervalMs: number,
  signal: AbortSignal | undefined,
): AsyncGenerator<PeerEvent> {
  let known: Set<string> | undefined
  for await (const { peers } of watchSnapshots(read, intervalMs, signal)) {
    const ids = new Set(peers.map((p) => p.peerId))
    if (known === undefined) yield { type: 'snapshot', added: [...ids], removed: [], peers }
    else yield { type: 'changed', ...diffIds(known, ids), peers }
    known = ids
  }
}

const peersRouter = router({
  list: publicProcedure.query(({ ctx }) => listPeers(ctx.backend)),
  watch: publicProcedure.subscription(({ ctx, signal }) =>
    peerEvents(() => listPeers(ctx.backend), ctx.pollIntervalMs, signal),
  ),
})

const overlayRouter = router({
  routingTable: publicProcedure.query(({ ctx }) => ctx.backend.dht.routingTable()),
  /** The routing table again whenever a contact joins, leaves or changes bucket. */
  watchRoutingTable: publicProcedure.subscription(({ ctx, signal }) =>
    watchSnapshots(
      async () => {
        const table = await ctx.backend.dht.routingTable()
        // RTT and last-seen move all the time; only membership changes are events.
        return {
          selfPeerId: table.selfPeerId,
          contacts: table.contacts
            .map((c) => ({ peerId: c.peerId, addresses: c.addresses, bucketIndex: c.bucketIndex }))
            .sort((a, b) => a.peerId.localeCompare(b.peerId)),
          replacements: table.replacements,
        }
      },
      ctx.pollIntervalMs,
      signal,
    ),
  ),
})

/** The console's API: same operations as REST `/api/v1`, plus live subscriptions over SSE. */
export const appRouter = router({
  files: filesRouter,
  folders: foldersRouter,
  transfers: transfersRouter,
  peers: peersRouter,
  overlay: overlayRouter,
  names: namesRouter,
  search: searchRouter,
  private: privateRouter,
  stats: publicProcedure.query(({ ctx }) => nodeStats(ctx.backend)),
  health: publicProcedure.query(async ({ ctx }) => ({ ready: await ctx.backend.ready().catch(() => false) })),
})

/** Import with `import type { AppRouter } from '@netswarm/gateway'` in the console. */
export type AppRouter = typeof appRouter
