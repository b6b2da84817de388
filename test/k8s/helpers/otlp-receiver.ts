/** A minimal OTLP/HTTP (JSON) trace receiver: collects spans with their service.name. */
import { EventEmitter, once } from 'node:events'
import { createServer, type Server } from 'node:http'

export interface ReceivedSpan {
  service: string
  /** service.instance.id: the pod name (HOSTNAME) in a pod. */
  instance: string
  traceId: string
  spanId: string
  parentSpanId?: string
  name: string
  kind: number
  /** String-valued span attributes (e.g. url.path, http.target). */
  attributes: Record<string, string>
}

export interface OtlpReceiver {
  url: string
  spans: ReceivedSpan[]
  /** Resolves with the first trace for which `match` returns true (checked on every export). */
  waitForTrace(match: (spans: ReceivedSpan[]) => boolean, timeoutMs: number): Promise<ReceivedSpan[]>
  close(): Promise<void>
}

interface OtlpSpan {
  traceId: string
  spanId: string
  parentSpanId?: string
  name: string
  kind: number
  attributes?: { key: string; value: { stringValue?: string; intValue?: string | number } }[]
}

interface OtlpPayload {
  resourceSpans?: {
    resource?: { attributes?: { key: string; value: { stringValue?: string } }[] }
    scopeSpans?: { spans?: OtlpSpan[] }[]
  }[]
}

export async function startOtlpReceiver(host: string): Promise<OtlpReceiver> {
  const spans: ReceivedSpan[] = []
  const events = new EventEmitter()
  const server: Server = createServer(async (req, res) => {
    let text = ''
    for await (const chunk of req) text += chunk
    try {
      const payload = JSON.parse(text) as OtlpPayload
      for (const rs of payload.resourceSpans ?? []) {
        const attr = (key: string) => rs.resource?.attributes?.find((a) => a.key === key)?.value.stringValue ?? ''
        const service = attr('service.name')
        const instance = attr('service.instance.id')
        for (const ss of rs.scopeSpans ?? [])
          for (const s of ss.spans ?? [])
            spans.push({
              service,
              instance,
              traceId: s.traceId,
              spanId: s.spanId,
              parentSpanId: s.parentSpanId,
              name: s.name,
              kind: s.kind,
              attributes: Object.fromEntries(
                (s.attributes ?? []).map((a) => [a.key, String(a.value.stringValue ?? a.value.intValue ?? '')]),
              ),
            })
      }
      events.emit('spans')
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}')
    } catch {
      res.writeHead(400).end()
    }
  })
  server.listen(0, host)
  await once(server, 'listening')
  const { port } = server.address() as { port: number }
  const traces = () => {
    const byTrace = new Map<string, ReceivedSpan[]>()
    for (const s of spans) byTrace.set(s.traceId, [...(byTrace.get(s.traceId) ?? []), s])
    return [...byTrace.values()]
  }
  return {
    url: `http://${host}:${port}`,
    spans,
    waitForTrace(match, timeoutMs) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = traces().find(match)
          if (found) {
            clearTimeout(timer)
            events.off('spans', check)
            resolve(found)
          }
        }
        const timer = setTimeout(() => {
          events.off('spans', check)
          const services = [...new Set(spans.map((s) => s.service))].join(', ')
          reject(new Error(`no matching trace within ${timeoutMs} ms (${spans.length} spans from: ${services})`))
        }, timeoutMs)
        events.on('spans', check)
        check()
      })
    },
    async close() {
      server.closeAllConnections()
      server.close()
    },
  }
}
