import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'

const FIXTURE = fileURLToPath(new URL('./fixtures/grpc-pair.ts', import.meta.url))

interface OtlpSpan {
  traceId: string
  spanId: string
  parentSpanId?: string
  name: string
  kind: number
}

/** Runs the fixture with the register hook and returns its result line and exit code. */
async function runFixture(env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', '@netswarm/telemetry/register', FIXTURE], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, OTEL_SDK_DISABLED: '', OTEL_EXPORTER_OTLP_ENDPOINT: '', ...env },
  })
  let out = ''
  child.stdout.on('data', (d) => {
    out += d
  })
  const [code] = await once(child, 'exit')
  return { code: code as number | null, out }
}

async function body(req: IncomingMessage): Promise<string> {
  let text = ''
  for await (const chunk of req) text += chunk
  return text
}

test('register: an unmodified ESM process exports linked gRPC client and server spans over OTLP/HTTP', async (t) => {
  const spans: { service: string; span: OtlpSpan }[] = []
  const server = createServer(async (req, res) => {
    const payload = JSON.parse(await body(req)) as {
      resourceSpans: {
        resource: { attributes: { key: string; value: { stringValue?: string } }[] }
        scopeSpans: { spans: OtlpSpan[] }[]
      }[]
    }
    for (const rs of payload.resourceSpans) {
      const service = rs.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue ?? ''
      for (const ss of rs.scopeSpans) for (const span of ss.spans) spans.push({ service, span })
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}')
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  t.after(() => server.close())
  const { port } = server.address() as AddressInfo

  const { code, out } = await runFixture({
    OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
    NETSWARM_SERVICE: 'fixture',
  })
  assert.equal(code, 0)
  assert.deepEqual(JSON.parse(out), { status: 'SERVING', traced: true })
  const check = spans.filter((s) => s.span.name === 'grpc.grpc.health.v1.Health/Check')
  const client = check.find((s) => s.span.kind === 3)
  const serverSpan = check.find((s) => s.span.kind === 2)
  assert.ok(client && serverSpan, `expected a client and a server span, got ${JSON.stringify(spans)}`)
  assert.equal(client.service, 'netswarm-fixture')
  assert.equal(serverSpan.span.traceId, client.span.traceId, 'server span continues the client trace')
  assert.equal(serverSpan.span.parentSpanId, client.span.spanId)
})

test('register: without an endpoint nothing is started', async () => {
  const { code, out } = await runFixture({ NETSWARM_SERVICE: 'fixture' })
  assert.equal(code, 0)
  assert.deepEqual(JSON.parse(out), { status: 'SERVING', traced: false })
})
