import { parseQuery } from '@netswarm/dht'
import { z } from 'zod'
import { publishPublic, type SearchResultView, searchStream } from '../../search.ts'
import { protectedProcedure, publicProcedure, router } from '../init.ts'

/** A search event: each result as found (merge by CID: a later one carries more providers), then `done`. */
export type SearchEvent = { type: 'result'; result: SearchResultView } | { type: 'done'; count: number }

async function* searchEvents(...args: Parameters<typeof searchStream>): AsyncGenerator<SearchEvent> {
  let count = 0
  for await (const result of searchStream(...args)) {
    count++
    yield { type: 'result', result }
  }
  yield { type: 'done', count }
}

/** `search.query` (subscription: results as they stream in) and `search.publish` (make a stored file public). */
export const searchRouter = router({
  query: publicProcedure
    .input(
      z.object({
        q: z.string().max(1000),
        limit: z.number().int().min(1).max(200).optional(),
        timeoutMs: z.number().int().min(1).max(30_000).optional(),
        prefix: z.boolean().default(false),
      }),
    )
    .subscription(({ ctx, input, signal }) => {
      // Checked here, before the stream starts, so a bad query is a BAD_REQUEST and not a broken stream.
      parseQuery(input.q, { prefix: input.prefix })
      return searchEvents(ctx.backend, input, ctx.baseUrl, signal)
    }),
  publish: protectedProcedure
    .input(
      z.object({
        cid: z.string().min(1).max(128),
        name: z.string().min(1).max(255),
        mediaType: z.string().max(127).default('application/octet-stream'),
        size: z.number().int().min(0),
        tags: z.array(z.string().min(1).max(32)).max(8).default([]),
        description: z.string().max(280).default(''),
      }),
    )
    .mutation(({ ctx, input, signal }) => publishPublic(ctx.backend, input, signal)),
})
