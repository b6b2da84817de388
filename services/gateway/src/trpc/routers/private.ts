import { TRPCError } from '@trpc/server'
import type { PrivateFiles } from '../../private/private-files.ts'
import { protectedProcedure, publicProcedure, router } from '../init.ts'

function privateOf(ctx: { privateFiles?: PrivateFiles }): PrivateFiles {
  if (!ctx.privateFiles)
    throw new TRPCError({ code: 'NOT_IMPLEMENTED', message: 'this gateway serves no private files' })
  return ctx.privateFiles
}

/** Private files: the same as REST `/api/v1/identity` and `/api/v1/private/shared` (docs/api.md). */
export const privateRouter = router({
  identity: publicProcedure.query(({ ctx }) => privateOf(ctx).identity()),
  /** The files shared with this peer's identity, with their read links. */
  shared: protectedProcedure.query(async ({ ctx, signal }) => ({
    shared: await privateOf(ctx).shared(ctx.baseUrl, signal),
  })),
})
