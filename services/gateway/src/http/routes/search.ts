import { Router } from 'express'
import type { GatewayBackend } from '../../backend.ts'
import { parseSearchParams, rankResults, type SearchResultView, searchStream } from '../../search.ts'

/**
 * `GET /api/v1/search?q=<words>[&limit=&timeoutMs=&prefix=1]`: public files of the swarm.
 * JSON `{ query, results }` once the query ends (merged by CID, best first); with `stream=1`,
 * NDJSON: one result per line as found, then `{"done":true}`.
 */
export function searchRoutes(backend: GatewayBackend, baseUrl: () => string): Router {
  const router = Router()
  router.get('/search', async (req, res) => {
    const params = parseSearchParams(req.query as Record<string, unknown>)
    const controller = new AbortController()
    res.once('close', () => controller.abort())
    const results = searchStream(backend, params, baseUrl(), controller.signal)
    if (req.query.stream === '1' || req.query.stream === 'true') {
      // The first result (or a bad-query error) comes before any header is sent.
      const first = await results.next()
      res.status(200).type('application/x-ndjson').set('Cache-Control', 'no-store')
      let count = 0
      if (!first.done) {
        res.write(`${JSON.stringify(first.value)}\n`)
        count++
        for await (const r of results) {
          res.write(`${JSON.stringify(r)}\n`)
          count++
        }
      }
      res.end(`${JSON.stringify({ done: true, count })}\n`)
      return
    }
    const all: SearchResultView[] = []
    for await (const r of results) all.push(r)
    res.set('Cache-Control', 'no-store').json({ query: params.q, results: rankResults(all) })
  })
  return router
}
