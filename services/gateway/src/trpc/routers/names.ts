import { TRPCError } from '@trpc/server'
import { z } from 'zod'
import type { NameService } from '../../names/name-service.ts'
import { protectedProcedure, publicProcedure, router } from '../init.ts'

const nameInput = z.object({ name: z.string().min(1).max(500) })

function namesOf(ctx: { names?: NameService }): NameService {
  if (!ctx.names) throw new TRPCError({ code: 'NOT_IMPLEMENTED', message: 'this gateway serves no names' })
  return ctx.names
}

/** Named versions: the same operations as REST `/api/v1/names`. */
export const namesRouter = router({
  list: publicProcedure.query(({ ctx }) => namesOf(ctx).listNames()),
  create: protectedProcedure
    .input(z.object({ label: z.string().min(1).max(64) }))
    .mutation(({ ctx, input }) => namesOf(ctx).createName(input.label)),
  remove: protectedProcedure.input(z.object({ label: z.string().min(1).max(64) })).mutation(async ({ ctx, input }) => {
    await namesOf(ctx).removeName(input.label)
    return { removed: input.label }
  }),
  publish: protectedProcedure
    .input(
      z.object({
        name: z.string().min(1).max(500),
        cid: z.string().min(1).max(500),
        message: z.string().max(1024).optional(),
      }),
    )
    .mutation(({ ctx, input }) => namesOf(ctx).publish(input.name, { cid: input.cid, message: input.message })),
  prune: protectedProcedure
    .input(
      z.object({
        name: z.string().min(1).max(500),
        keepLast: z.number().int().min(0).max(1_000_000).default(0),
        keepDaily: z.number().int().min(0).max(100_000).default(0),
      }),
    )
    .mutation(({ ctx, input }) => namesOf(ctx).prune(input.name, input)),
  resolve: publicProcedure.input(nameInput).query(({ ctx, input, signal }) => namesOf(ctx).resolve(input.name, signal)),
  history: publicProcedure.input(nameInput).query(({ ctx, input, signal }) => namesOf(ctx).history(input.name, signal)),
})
