/**
 * The closest thing to `helm install` this machine can run (root; CI runs as root): the chart is
 * rendered, and each peer pod of the rendered StatefulSet becomes a network namespace with its own
 * address on a bridge, its containers separate processes inside it, configured only by the
 * environment the chart sets (downward API, Secret and $(VAR) references resolved as the kubelet
 * does). The headless Service is emulated by a hosts file resolving its name to every pod.
 * A Prometheus server scrapes every container's metrics port, as the ServiceMonitor would.
 */
import assert from 'node:assert/strict'
import { createHash, randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import {
  decodeRefuse,
  encodeClientHello,
  encodeFrame,
  FrameDecoder,
  MAX_FRAME_BYTES,
  RefuseReason,
} from '@netswarm/wire'
import { type EmulatedPod, runPodToCompletion, startPod, tail } from './helpers/cluster.ts'
import { namedPorts, podContainers, probeOnce, writeSecretVolumes } from './helpers/kubelet.ts'
import { assertCanUseNetns, createPodNetwork, type PodNetwork } from './helpers/netns.ts'
import { type OtlpReceiver, startOtlpReceiver } from './helpers/otlp-receiver.ts'
import { type Prometheus, type ScrapeTarget, startPrometheus, until } from './helpers/prometheus.ts'
import { buildRenderer, CHART, findObject, type K8sObject, type Renderer, render } from './helpers/render.ts'

const PEERS = 3
const NAMESPACE = 'netswarm-e2e'
const CLUSTER_DOMAIN = 'cluster.local'
/** Big enough that, through links shaped to LINK_MBIT, the fetch is still running when a peer goes. */
const FILE_BYTES = 64 * 1024 * 1024
const LINK_MBIT = 80
/** Bytes of the fetch's response after which peer 1's namespace is deleted. */
const CUT_AFTER_BYTES = 8 * 1024 * 1024

let renderer: Renderer | undefined
let net: PodNetwork | undefined
let otlp: OtlpReceiver | undefined
let prometheus: Prometheus | undefined
const pods: EmulatedPod[] = []
let dir = ''
let objects: K8sObject[] = []
let token = ''
let headless = ''

function podUrl(i: number, path: string): string {
  const sts = findObject(objects, 'StatefulSet')
  return `http://${net!.pods[i]!.ip}:${namedPorts(sts).http}${path}`
}

function logs(): string {
  return pods
    .map((p) => p.containers.map((c) => `--- ${p.name}/${c.name}\n${tail(c.logFile, 8)}`).join('\n'))
    .join('\n')
}

describe('pod emulation of the rendered chart', { timeout: 240_000 }, () => {
  before(async () => {
    assertCanUseNetns()
    dir = mkdtempSync(join(tmpdir(), 'netswarm-pods-'))
    renderer = await buildRenderer()
    // One namespace per peer pod, plus one for the chart's `helm test` pod.
    net = createPodNetwork(PEERS + 1, { rateMbit: LINK_MBIT })
    otlp = await startOtlpReceiver(net.gatewayIp)
    const release = `pe${randomBytes(2).toString('hex')}`
    objects = await render(renderer, {
      name: release,
      namespace: NAMESPACE,
      set: [
        `replicas=${PEERS}`,
        'logLevel=warn',
        `clusterDomain=${CLUSTER_DOMAIN}`,
        // One provider per published file: the test decides where copies are (peers 0 and 1).
        'transfer.replicationFactor=1',
        `tracing.otlpEndpoint=${otlp.url}`,
        // A private swarm: every wire handshake below needs the chart's Secret, mounted as a file.
        'privateSwarm.enabled=true',
      ],
    })
    const sts = findObject(objects, 'StatefulSet')
    const peersService = findObject(objects, 'Service', '-peers')
    headless = `${peersService.metadata.name}.${NAMESPACE}.svc.${CLUSTER_DOMAIN}`
    const secrets = objects.filter((o) => o.kind === 'Secret')
    const tokenSecret = secrets.find((o) => o.data?.token !== undefined)
    token = Buffer.from(tokenSecret!.data.token as string, 'base64').toString('utf8')

    // Cluster DNS: each pod's stable name, and the headless name resolving to every pod.
    const peerNet = net.pods.slice(0, PEERS)
    net.setHosts(peerNet.map((p, i) => ({ ip: p.ip, names: [`${sts.metadata.name}-${i}.${headless}`, headless] })))
    const started = await Promise.all(
      peerNet.map((p, i) => {
        const name = `${sts.metadata.name}-${i}`
        const { init, containers } = podContainers(sts, secrets, { name, namespace: NAMESPACE, ip: p.ip })
        writeSecretVolumes(sts, secrets, join(dir, name))
        return startPod(name, p.ns, p.ip, join(dir, name), init, containers)
      }),
    )
    pods.push(...started)

    // The kubelet's readiness probes, dialled at the pod IPs.
    const ports = namedPorts(sts)
    const probes = sts.spec.template.spec.containers.map((c: K8sObject) => c.readinessProbe)
    await until(
      'every container of every pod to pass its readiness probe',
      async () => {
        for (const p of peerNet)
          for (const probe of probes) if (!(await probeOnce(probe, p.ip, ports))) return undefined
        return true
      },
      120_000,
      500,
    ).catch((err) => {
      throw new Error(`${(err as Error).message}\n${logs()}`)
    })

    // Scrape targets as the ServiceMonitor defines them: the headless Service's metrics ports.
    const monitored = (peersService.spec.ports as { name: string; port: number }[]).filter(
      (p) => p.name === 'http' || p.name.startsWith('metrics-'),
    )
    const containerOf: Record<string, string> = {}
    for (const c of sts.spec.template.spec.containers) for (const port of c.ports ?? []) containerOf[port.name] = c.name
    const targets: ScrapeTarget[] = pods.flatMap((pod) =>
      monitored.map((port) => ({
        address: `${pod.ip}:${port.port}`,
        labels: {
          namespace: NAMESPACE,
          pod: pod.name,
          container: containerOf[port.name] ?? port.name,
          endpoint: port.name,
          service: peersService.metadata.name,
        },
      })),
    )
    prometheus = await startPrometheus(join(dir, 'prometheus'), peersService.metadata.name, targets)
    await until(
      'Prometheus to scrape every service of every pod',
      async () => {
        const active = await prometheus!.targets()
        return active.length === targets.length && active.every((t) => t.health === 'up') ? true : undefined
      },
      30_000,
    )
  })

  after(async () => {
    await prometheus?.stop().catch(() => {})
    await Promise.all(pods.map((p) => p.stop(3000).catch(() => {})))
    net?.destroy()
    await otlp?.close()
    renderer?.cleanup()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  let cid = ''
  const content = randomBytes(FILE_BYTES)
  const digest = createHash('sha256').update(content).digest('hex')

  it('bootstraps every peer from the headless name: each DHT knows the two others', async () => {
    // The pods' own view: the gateway's peer list merges the DHT routing table.
    for (let i = 0; i < PEERS; i++) {
      const peers = await until(
        `peer ${i} to have the others in its routing table`,
        async () => {
          const res = await fetch(podUrl(i, '/api/v1/peers'))
          const body = (await res.json()) as { peers: { inRoutingTable: boolean }[] }
          const known = body.peers.filter((p) => p.inRoutingTable).length
          return known >= PEERS - 1 ? known : undefined
        },
        30_000,
      )
      assert.ok(peers >= PEERS - 1)
    }
  })

  it("each gateway holds its peer's identity (from the data volume), so shares to the peer can be opened", async () => {
    for (let i = 0; i < PEERS; i++) {
      const self = ((await (await fetch(podUrl(i, '/api/v1/peers'))).json()) as { self: string }).self
      const res = await fetch(podUrl(i, '/api/v1/identity'))
      assert.equal(res.status, 200)
      const identity = (await res.json()) as { peerId: string }
      assert.equal(identity.peerId, self, `peer ${i}'s gateway and dht share one identity key`)
    }
  })

  it("peers hold the chart's swarm secret: a client without it gets one REFUSE and nothing else", async () => {
    const ports = namedPorts(findObject(objects, 'StatefulSet'))
    for (const pod of pods) {
      for (const port of [ports.dht, ports.transfer]) {
        const socket = connect({ host: pod.ip, port })
        socket.on('error', () => {})
        const chunks: Buffer[] = []
        socket.on('data', (chunk: Buffer) => chunks.push(chunk))
        await once(socket, 'connect')
        const closed = once(socket, 'close')
        socket.write(encodeFrame(encodeClientHello({ version: 1, flags: 0, ephemeralKey: randomBytes(32) })))
        await closed
        const frames: Buffer[] = []
        new FrameDecoder(MAX_FRAME_BYTES).push(Buffer.concat(chunks), (f) => frames.push(Buffer.from(f)))
        assert.equal(frames.length, 1, `${pod.name}:${port} sent ${frames.length} frames`)
        assert.equal(decodeRefuse(frames[0]!).reason, RefuseReason.SWARM_KEY_REQUIRED)
      }
      // The refused peer shows up in the dht container's log, in words.
      const dhtLog = pod.containers.find((c) => c.name === 'dht')!.logFile
      await until(
        `${pod.name}'s dht to log the refusal`,
        async () => (/peer does not hold this swarm's secret/.test(readFileSync(dhtLog, 'utf8')) ? true : undefined),
        10_000,
      )
    }
  })

  it("the chart's `helm test` pod passes against the running peers", async () => {
    const testPod = objects.find((o) => o.kind === 'Pod' && o.metadata.annotations?.['helm.sh/hook'] === 'test')
    assert.ok(testPod, 'the chart has a helm test pod')
    const secrets = objects.filter((o) => o.kind === 'Secret')
    const node = net!.pods[PEERS]!
    const { containers } = podContainers(testPod, secrets, {
      name: testPod.metadata.name,
      namespace: NAMESPACE,
      ip: node.ip,
    })
    const results = await runPodToCompletion(node.ns, join(dir, testPod.metadata.name), containers)
    for (const r of results) assert.equal(r.code, 0, `${r.name}:\n${r.log}`)
  })

  it('adds a file on peer 0 and fetches it on peer 2 while peer 1, a source, is deleted', async () => {
    const add = await fetch(podUrl(0, '/api/v1/files?name=big.bin'), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
      body: content,
    })
    assert.equal(add.status, 201, await add.clone().text())
    cid = ((await add.json()) as { cid: string }).cid
    // Peer 1 pins it (fetching it from peer 0), so peer 2 has two sources.
    const pin = await fetch(podUrl(1, `/api/v1/files/${cid}/pin`), {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}` },
    })
    assert.equal(pin.status, 200, await pin.clone().text())

    const peerIdOf = async (i: number) =>
      ((await (await fetch(podUrl(i, '/api/v1/peers'))).json()) as { self: string }).self
    const [source0, source1] = [await peerIdOf(0), await peerIdOf(1)]

    const res = await fetch(podUrl(2, `/f/${cid}`))
    assert.equal(res.status, 200)
    const hash = createHash('sha256')
    let received = 0
    let deletedAt = -1
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      hash.update(chunk)
      received += chunk.byteLength
      if (deletedAt < 0 && received >= CUT_AFTER_BYTES) {
        deletedAt = received
        // Still downloading: the fetcher's transfer has not got every byte yet.
        const { transfers } = (await (await fetch(podUrl(2, '/api/v1/transfers'))).json()) as {
          transfers: { cid: string; bytesDone: number | string; bytesTotal: number | string }[]
        }
        const running = transfers.find((t) => t.cid === cid)
        assert.ok(running, `a transfer of ${cid} is running on peer 2: ${JSON.stringify(transfers)}`)
        assert.ok(Number(running.bytesDone) < FILE_BYTES, `mid-download: ${running.bytesDone} of ${FILE_BYTES}`)
        // The node under pod 1 is gone: its network disappears and its processes die.
        net!.deletePod(1)
        await pods[1]!.kill()
      }
    }
    assert.ok(deletedAt > 0 && deletedAt < FILE_BYTES, `peer 1 was deleted mid-download (at ${deletedAt} bytes)`)
    assert.equal(received, FILE_BYTES)
    assert.equal(hash.digest('hex'), digest, 'every byte arrived, verified')

    // Both sources served chunks: peer 1 before it went, peer 0 the rest.
    const sts = findObject(objects, 'StatefulSet')
    const metrics = await (
      await fetch(`http://${net!.pods[2]!.ip}:${namedPorts(sts)['metrics-transfer']}/metrics`)
    ).text()
    const fromPeer = (id: string) =>
      Number(
        metrics.match(new RegExp(`^netswarm_transfer_bytes_received_total\\{peer="${id}"[^}]*\\} (\\d+)`, 'm'))?.[1] ??
          0,
      )
    process.stdout.write(`# bytes from peer 0: ${fromPeer(source0)}, from peer 1 (deleted): ${fromPeer(source1)}\n`)
    const lines = metrics.split('\n').filter((l) => l.startsWith('netswarm_transfer_bytes_received_total'))
    assert.ok(fromPeer(source1) > 0, `peer 1 (${source1}) was a source before it was deleted: ${lines.join(' | ')}`)
    assert.ok(fromPeer(source0) > 0, 'peer 0 served the rest')
  })

  it('Prometheus shows the transfer in the dashboards metric names', async () => {
    const sts = findObject(objects, 'StatefulSet')
    const fetcher = `${sts.metadata.name}-2`
    const received = await until(
      'Prometheus to have scraped the finished transfer',
      async () => {
        const r = await prometheus!.query(
          `sum(netswarm_transfer_bytes_received_total{namespace="${NAMESPACE}", pod="${fetcher}"})`,
        )
        const v = Number(r[0]?.value[1] ?? 0)
        return v >= FILE_BYTES ? v : undefined
      },
      30_000,
    )
    assert.ok(received >= FILE_BYTES)
    // The transfers dashboard's own queries, with Grafana's variables filled in.
    const dashboard = JSON.parse(readFileSync(join(CHART, 'dashboards/transfers.json'), 'utf8')) as {
      panels: { title: string; targets: { expr: string }[] }[]
    }
    const perPeer = dashboard.panels.find((p) => p.title === 'Received per peer')!.targets[0]!.expr
    const expr = perPeer
      .replaceAll('$namespace', NAMESPACE)
      .replaceAll('$pod', '.*')
      .replaceAll('$__rate_interval', '2m')
    const series = await prometheus!.query(expr)
    const rate = Number(series.find((s) => s.metric.pod === fetcher)?.value[1] ?? 0)
    assert.ok(rate > 0, `the "Received per peer" panel shows ${fetcher} downloading (${JSON.stringify(series)})`)
    const overview = JSON.parse(readFileSync(join(CHART, 'dashboards/overview.json'), 'utf8')) as {
      panels: { title: string; targets: { expr: string }[] }[]
    }
    const files = overview.panels.find((p) => p.title === 'Files (manifests, all peers)')!.targets[0]!.expr
    const manifests = await prometheus!.query(files.replaceAll('$namespace', NAMESPACE).replaceAll('$pod', '.*'))
    assert.ok(Number(manifests[0]?.value[1] ?? 0) >= 2, 'the file is stored on the two live peers')
  })

  it('every dashboard query names metrics the services really export on /metrics', async () => {
    const sts = findObject(objects, 'StatefulSet')
    const ports = namedPorts(sts)
    const metricsPorts = Object.entries(ports)
      .filter(([name]) => name === 'http' || name.startsWith('metrics-'))
      .map(([, port]) => port)
    const exported = new Set<string>()
    for (const i of [0, 2])
      for (const port of metricsPorts) {
        const text = await (await fetch(`http://${net!.pods[i]!.ip}:${port}/metrics`)).text()
        for (const m of text.matchAll(/^# TYPE (\S+) (\w+)/gm)) exported.add(m[1]!)
      }
    const missing: string[] = []
    for (const file of readdirSync(join(CHART, 'dashboards'))) {
      const dashboard = readFileSync(join(CHART, 'dashboards', file), 'utf8')
      for (const [name] of dashboard.matchAll(/\bnetswarm_[a-z0-9_]+/g)) {
        const base = name.replace(/_(bucket|sum|count)$/, '')
        if (!exported.has(name) && !exported.has(base)) missing.push(`${file}: ${name}`)
      }
    }
    assert.deepEqual([...new Set(missing)], [], 'dashboard metrics missing from /metrics')
  })

  it('the fetch is one trace from the gateway through transfer to storage and dht and on to the seeders (OTLP)', async () => {
    const fetcher = pods[2]!.name
    const trace = await otlp!.waitForTrace((spans) => {
      const here = spans.filter((s) => s.instance === fetcher)
      const services = new Set(here.map((s) => s.service))
      // Spans are exported as they end: a long gRPC server span (the DHT's provider stream) may
      // reach the collector after the wire requests made inside it. Wait for the whole tree.
      const ids = new Set(spans.map((s) => s.spanId))
      const complete = spans.filter((s) => !s.parentSpanId || !ids.has(s.parentSpanId)).length === 1
      return (
        complete &&
        here.some(
          (s) =>
            s.service === 'netswarm-gateway' &&
            !s.parentSpanId &&
            Object.values(s.attributes).some((v) => v.includes(`/f/${cid}`)),
        ) &&
        services.has('netswarm-transfer') &&
        (services.has('netswarm-storage') || services.has('netswarm-dht')) &&
        // Trace context on the wire: a seeder's side of a wire request joins the fetch's trace.
        spans.some((s) => s.instance !== fetcher && s.name === 'netswarm.wire/handle')
      )
    }, 20_000)
    const services = [...new Set(trace.filter((s) => s.instance === fetcher).map((s) => s.service))].sort()
    assert.ok(services.length >= 3, `services of ${fetcher} in the fetch's trace: ${services.join(', ')}`)
    // Every span of the trace hangs off another span of it: one tree, rooted at the gateway.
    const ids = new Set(trace.map((s) => s.spanId))
    const roots = trace.filter((s) => !s.parentSpanId || !ids.has(s.parentSpanId))
    assert.equal(roots.length, 1, `one root: ${roots.map((r) => `${r.service}:${r.name}`).join(', ')}`)
    // Each serving peer's SERVER span hangs off the fetcher's CLIENT span for that wire request.
    const byId = new Map(trace.map((s) => [s.spanId, s]))
    const remote = trace.filter((s) => s.name === 'netswarm.wire/handle' && s.instance !== fetcher)
    assert.ok(remote.length > 0, 'a seeder served part of the fetch inside its trace')
    for (const handle of remote) {
      const parent = byId.get(handle.parentSpanId!)
      assert.equal(parent?.name, 'netswarm.wire/request')
      assert.notEqual(parent?.instance, handle.instance)
    }
    process.stdout.write(
      `# fetch trace: ${trace.length} spans; ${[...new Set(trace.map((s) => `${s.instance}/${s.service}`))].sort().join(', ')}\n`,
    )
  })
})
