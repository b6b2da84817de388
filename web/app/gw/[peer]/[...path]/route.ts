import { proxyToGateway } from '../../../../src/server/proxy.ts'

// Every request is forwarded live; nothing here may be cached or pre-rendered.
export const dynamic = 'force-dynamic'

type Context = { params: Promise<{ peer: string; path: string[] }> }

async function handle(request: Request, context: Context): Promise<Response> {
  const { peer, path } = await context.params
  return proxyToGateway(request, peer, path)
}

export const GET = handle
export const HEAD = handle
export const POST = handle
export const PUT = handle
export const DELETE = handle
