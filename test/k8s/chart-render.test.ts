/**
 * Renders the Helm chart without a cluster or a helm binary (tools/helm-render: Go text/template +
 * sprig + Helm's own functions) with default and non-default values, validates every object
 * against the Kubernetes schemas (kubernetes-models), checks the shape operators rely on, and
 * checks that every container's environment is accepted by that service's real config loader.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { loadDhtConfig } from '@netswarm/dht'
import { loadGatewayConfig } from '@netswarm/gateway'
import { loadStorageConfig } from '@netswarm/storage'
import { loadTransferConfig } from '@netswarm/transfer'
import { SwarmKey } from '@netswarm/wire'
import { podContainers } from './helpers/kubelet.ts'
import {
  buildRenderer,
  CHART,
  findObject,
  type K8sObject,
  type Renderer,
  render,
  renderText,
} from './helpers/render.ts'

let renderer: Renderer

/** Kinds the chart may emit that kubernetes-models knows, by apiVersion/kind. */
async function validate(object: K8sObject): Promise<void> {
  if (object.apiVersion === 'monitoring.coreos.com/v1') return // a CRD: checked by shape below
  const [group, version] = object.apiVersion.includes('/')
    ? object.apiVersion.split('/')
    : [undefined, object.apiVersion]
  const path = group
    ? `kubernetes-models/${group}/${version}/${object.kind}`
    : `kubernetes-models/${version}/${object.kind}`
  const mod = (await import(path)) as Record<string, new (data: unknown) => { validate(): void }>
  const Model = mod[object.kind]
  assert.ok(Model, `kubernetes-models has no ${object.apiVersion} ${object.kind}`)
  try {
    new Model(object).validate()
  } catch (err) {
    throw new Error(
      `${object.kind}/${object.metadata.name} is not a valid Kubernetes object: ${(err as Error).message}`,
    )
  }
}

function container(sts: K8sObject, name: string): K8sObject {
  const c = sts.spec.template.spec.containers.find((x: K8sObject) => x.name === name)
  assert.ok(c, `container ${name}`)
  return c
}

function envOf(sts: K8sObject, secrets: K8sObject[], name: string): Record<string, string> {
  const { containers } = podContainers(sts, secrets, {
    name: `${sts.metadata.name}-0`,
    namespace: 'swarm',
    ip: '10.0.0.7',
  })
  return containers.find((c) => c.name === name)!.env
}

before(async () => {
  renderer = await buildRenderer()
})
after(() => renderer?.cleanup())

describe('chart with default values', () => {
  let objects: K8sObject[]
  before(async () => {
    objects = await render(renderer, { name: 'demo', namespace: 'swarm' })
  })

  it('renders valid Kubernetes objects, and only the default set', async () => {
    for (const o of objects) await validate(o)
    const kinds = objects.map((o) => o.kind).sort()
    assert.deepEqual(kinds, [
      'ConfigMap',
      'ConfigMap',
      'ConfigMap',
      'ConfigMap',
      'Deployment',
      'NetworkPolicy',
      'Pod',
      'PodDisruptionBudget',
      'Secret',
      'Service',
      'Service',
      'Service',
      'ServiceAccount',
      'StatefulSet',
    ])
  })

  it('the schema check is not a rubber stamp: broken copies of the objects are refused', async () => {
    const sts = structuredClone(findObject(objects, 'StatefulSet'))
    sts.spec.replicas = 'three'
    await assert.rejects(validate(sts), /replicas must be integer/)
    const svc = structuredClone(findObject(objects, 'Service', '-peers'))
    delete svc.spec.ports[0].port
    await assert.rejects(validate(svc), /port/)
    const probe = structuredClone(findObject(objects, 'StatefulSet'))
    probe.spec.template.spec.containers[0].readinessProbe.grpc.port = 'grpc-storage'
    await assert.rejects(validate(probe), /integer/)
  })

  it('runs one peer per pod: four containers, an identity init step, Parallel start, a PVC per peer', () => {
    const sts = findObject(objects, 'StatefulSet')
    const spec = sts.spec.template.spec
    assert.equal(sts.spec.replicas, 3)
    assert.equal(sts.spec.podManagementPolicy, 'Parallel')
    assert.equal(sts.spec.updateStrategy.type, 'RollingUpdate')
    assert.deepEqual(
      spec.containers.map((c: K8sObject) => c.name),
      ['storage', 'dht', 'transfer', 'gateway'],
    )
    assert.deepEqual(
      spec.initContainers.map((c: K8sObject) => c.args),
      [['identity']],
    )
    for (const c of spec.containers) assert.deepEqual(c.args, [c.name], 'the entrypoint argument picks the service')
    assert.equal(sts.spec.volumeClaimTemplates[0].metadata.name, 'data')
    assert.equal(sts.spec.volumeClaimTemplates[0].spec.resources.requests.storage, '10Gi')
    // The selector is immutable in a StatefulSet: nothing that changes with a chart version.
    assert.deepEqual(Object.keys(sts.spec.selector.matchLabels).sort(), [
      'app.kubernetes.io/component',
      'app.kubernetes.io/instance',
      'app.kubernetes.io/name',
    ])
    assert.equal(spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution.length, 1)
  })

  it('probes: grpc on each internal service port, httpGet /readyz on the gateway', () => {
    const sts = findObject(objects, 'StatefulSet')
    const secrets = objects.filter((o) => o.kind === 'Secret')
    const grpcEnv = {
      storage: 'NETSWARM_STORAGE_GRPC_LISTEN',
      dht: 'NETSWARM_DHT_GRPC_LISTEN',
      transfer: 'NETSWARM_TRANSFER_GRPC_LISTEN',
    }
    for (const [name, variable] of Object.entries(grpcEnv)) {
      const c = container(sts, name)
      const listen = envOf(sts, secrets, name)[variable]!
      assert.match(listen, /^0\.0\.0\.0:/, `${name} gRPC listens on the pod IP for the kubelet's probe`)
      const port = Number(listen.split(':')[1])
      for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe'])
        assert.equal(c[probe]?.grpc?.port, port, `${name} ${probe} is a grpc probe on ${port}`)
    }
    const gateway = container(sts, 'gateway')
    assert.deepEqual(gateway.readinessProbe.httpGet, { path: '/readyz', port: 'http' })
    assert.deepEqual(gateway.livenessProbe.httpGet, { path: '/healthz', port: 'http' })
  })

  it('hardens every container and sets requests and limits', () => {
    const sts = findObject(objects, 'StatefulSet')
    const console = findObject(objects, 'Deployment', '-console')
    const all = [
      ...sts.spec.template.spec.containers,
      ...sts.spec.template.spec.initContainers,
      ...console.spec.template.spec.containers,
    ]
    for (const c of all) {
      assert.equal(c.securityContext.readOnlyRootFilesystem, true, c.name)
      assert.equal(c.securityContext.runAsNonRoot, true, c.name)
      assert.equal(c.securityContext.allowPrivilegeEscalation, false, c.name)
      assert.deepEqual(c.securityContext.capabilities.drop, ['ALL'], c.name)
      assert.ok(c.resources.requests.cpu && c.resources.requests.memory, `${c.name} requests`)
      assert.ok(c.resources.limits.cpu && c.resources.limits.memory, `${c.name} limits`)
      assert.ok(
        c.volumeMounts.some((m: K8sObject) => m.mountPath === '/tmp'),
        `${c.name} has a writable /tmp despite the read-only root`,
      )
    }
    assert.equal(sts.spec.template.spec.securityContext.runAsNonRoot, true)
  })

  it('mounts the data volume where storage keeps LMDB and dht/transfer/gateway share the identity key', () => {
    const sts = findObject(objects, 'StatefulSet')
    const secrets = objects.filter((o) => o.kind === 'Secret')
    const dataMount = (name: string) =>
      container(sts, name).volumeMounts?.find((m: K8sObject) => m.name === 'data')?.mountPath as string | undefined
    const root = dataMount('dht')!
    assert.equal(dataMount('storage'), root)
    assert.equal(dataMount('transfer'), root, 'transfer opens storage LMDB (fast path) at the same path')
    assert.equal(dataMount('gateway'), root, 'the gateway reads the identity and keeps name keys there')
    assert.equal(envOf(sts, secrets, 'gateway').NETSWARM_GATEWAY_DATA_DIR, root)
    assert.equal(sts.spec.template.spec.initContainers[0].volumeMounts[0].mountPath, root)
    assert.equal(envOf(sts, secrets, 'dht').NETSWARM_DHT_DATA_DIR, root)
    assert.equal(envOf(sts, secrets, 'transfer').NETSWARM_TRANSFER_DATA_DIR, root)
    assert.ok(envOf(sts, secrets, 'storage').NETSWARM_STORAGE_DATA_DIR!.startsWith(`${root}/`))
  })

  it('bootstraps from the headless Service name, which lists not-ready peers too', () => {
    const sts = findObject(objects, 'StatefulSet')
    const headless = findObject(objects, 'Service', '-peers')
    assert.equal(headless.spec.clusterIP, 'None')
    assert.equal(headless.spec.publishNotReadyAddresses, true)
    assert.equal(sts.spec.serviceName, headless.metadata.name)
    const env = envOf(sts, [findObject(objects, 'Secret')], 'dht')
    assert.equal(env.NETSWARM_DHT_BOOTSTRAP, `${headless.metadata.name}.swarm.svc.cluster.local:4001`)
    assert.equal(env.NETSWARM_DHT_ANNOUNCE, '10.0.0.7:4001', '$(POD_IP) expands to the pod address')
    const dhtPort = headless.spec.ports.find((p: K8sObject) => p.name === 'dht')
    assert.equal(dhtPort.port, 4001)
  })

  it("every container's environment is accepted by its service's own config loader", () => {
    const sts = findObject(objects, 'StatefulSet')
    const secrets = objects.filter((o) => o.kind === 'Secret')
    const dht = loadDhtConfig(envOf(sts, secrets, 'dht'))
    const storage = loadStorageConfig([], envOf(sts, secrets, 'storage'))
    const transfer = loadTransferConfig(envOf(sts, secrets, 'transfer'))
    const gateway = loadGatewayConfig(envOf(sts, secrets, 'gateway'))
    // Loopback wiring inside the pod agrees with the listeners.
    const port = (a: string) => a.split(':').pop()
    assert.equal(port(transfer.storageGrpc), port(storage.grpcListen))
    assert.equal(port(transfer.dhtGrpc!), port(dht.grpcListen))
    assert.equal(port(gateway.storageGrpc), port(storage.grpcListen))
    assert.equal(port(gateway.transferGrpc), port(transfer.grpcListen))
    assert.equal(port(gateway.dhtGrpc), port(dht.grpcListen))
    assert.equal(gateway.token?.length, 40, 'the token comes from the chart Secret')
    assert.equal(storage.quota, 8 * 2 ** 30)
  })

  it('ships the dashboards as ConfigMaps for the Grafana sidecar', () => {
    const maps = objects.filter((o) => o.kind === 'ConfigMap')
    assert.equal(maps.length, 4)
    for (const map of maps) {
      assert.equal(map.metadata.labels.grafana_dashboard, '1')
      const [key, json] = Object.entries(map.data as Record<string, string>)[0]!
      const file = key.replace(/^netswarm-/, '')
      assert.deepEqual(JSON.parse(json), JSON.parse(readFileSync(join(CHART, 'dashboards', file), 'utf8')))
    }
  })

  it('exposes the gateways and the console through Services', () => {
    const gw = findObject(objects, 'Service', '-gateway')
    assert.equal(gw.spec.ports[0].targetPort, 'http')
    assert.equal(gw.spec.selector['app.kubernetes.io/component'], 'peer')
    const console = findObject(objects, 'Deployment', '-console')
    const gateways = console.spec.template.spec.containers[0].env.find(
      (e: K8sObject) => e.name === 'NETSWARM_CONSOLE_GATEWAYS',
    ).value as string
    assert.equal(gateways.split(',').length, 3, 'one gateway per peer')
    findObject(objects, 'Service', '-console')
    const pdb = findObject(objects, 'PodDisruptionBudget')
    assert.equal(pdb.spec.maxUnavailable, 1)
  })
})

describe('chart with non-default values', () => {
  it('ingress, ServiceMonitor (forced), existing Secret, ordinal bootstrap, hard anti-affinity, tracing, no console', async () => {
    const objects = await render(renderer, {
      name: 'big',
      namespace: 'prod',
      set: [
        'replicas=5',
        'ingress.enabled=true',
        'ingress.className=nginx',
        'ingress.gatewayHost=files.example.org',
        'metrics.serviceMonitor.enabled=true',
        'auth.existingSecret=my-token',
        'bootstrap.mode=ordinals',
        'antiAffinity=hard',
        'tracing.otlpEndpoint=http://otel-collector.observability:4318',
        'console.enabled=false',
        'persistence.storageClass=fast-ssd',
        'persistence.size=100Gi',
        'storage.quota=90GiB',
      ],
      valuesFiles: [],
    })
    for (const o of objects) await validate(o)
    assert.equal(
      objects.find((o) => o.kind === 'Secret'),
      undefined,
      'no Secret when an existing one is named',
    )
    assert.equal(
      objects.find((o) => o.metadata.name.endsWith('-console')),
      undefined,
    )
    const sts = findObject(objects, 'StatefulSet')
    assert.equal(sts.spec.replicas, 5)
    assert.equal(sts.spec.volumeClaimTemplates[0].spec.storageClassName, 'fast-ssd')
    const gateway = container(sts, 'gateway')
    const tokenRef = gateway.env.find((e: K8sObject) => e.name === 'NETSWARM_GATEWAY_TOKEN').valueFrom.secretKeyRef
    assert.deepEqual(tokenRef, { name: 'my-token', key: 'token' })
    const publicUrl = gateway.env.find((e: K8sObject) => e.name === 'NETSWARM_GATEWAY_PUBLIC_URL').value
    assert.equal(publicUrl, 'http://files.example.org')
    const bootstrap = container(sts, 'dht').env.find((e: K8sObject) => e.name === 'NETSWARM_DHT_BOOTSTRAP').value
    assert.deepEqual(bootstrap.split(','), [
      'big-netswarm-0.big-netswarm-peers.prod.svc.cluster.local:4001',
      'big-netswarm-1.big-netswarm-peers.prod.svc.cluster.local:4001',
      'big-netswarm-2.big-netswarm-peers.prod.svc.cluster.local:4001',
    ])
    assert.equal(
      sts.spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution.length,
      1,
    )
    for (const c of sts.spec.template.spec.containers)
      assert.ok(
        c.env.some((e: K8sObject) => e.name === 'OTEL_EXPORTER_OTLP_ENDPOINT'),
        `${c.name} exports traces`,
      )
    const ingress = findObject(objects, 'Ingress')
    assert.equal(ingress.spec.ingressClassName, 'nginx')
    assert.equal(ingress.spec.rules[0].host, 'files.example.org')
    const monitor = findObject(objects, 'ServiceMonitor')
    assert.deepEqual(
      monitor.spec.endpoints.map((e: K8sObject) => e.port),
      ['http', 'metrics-dht', 'metrics-storage', 'metrics-transfer'],
    )
    // Every port the ServiceMonitor scrapes is a port of the Service it selects.
    const headless = findObject(objects, 'Service', '-peers')
    for (const key of Object.keys(monitor.spec.selector.matchLabels))
      assert.equal(headless.metadata.labels[key], monitor.spec.selector.matchLabels[key])
    for (const e of monitor.spec.endpoints) assert.ok(headless.spec.ports.some((p: K8sObject) => p.name === e.port))
  })

  it('ServiceMonitor "auto": only when the cluster serves monitoring.coreos.com/v1', async () => {
    const without = await render(renderer)
    assert.equal(
      without.find((o) => o.kind === 'ServiceMonitor'),
      undefined,
    )
    const withCrd = await render(renderer, { apiVersions: ['monitoring.coreos.com/v1'] })
    findObject(withCrd, 'ServiceMonitor')
  })

  it('values.schema.json rejects bad values at install time, naming them', async () => {
    const bad: [string, RegExp][] = [
      ['replicas=two', /replicas: invalid type/],
      ['storage.sync=sometimes', /storage\.sync: must be one of/],
      ['antiAffinity=maybe', /antiAffinity: must be one of/],
      ['persistence.size=lots', /persistence\.size: does not match pattern/],
      ['ports.dht=70000', /ports\.dht: must be <= 65535/],
    ]
    for (const [set, message] of bad) await assert.rejects(renderText(renderer, { set: [set] }), message, set)
  })

  it('NOTES.txt tells how to get the token and reach the gateway and console', async () => {
    const notes = await renderText(renderer, { name: 'swarm', namespace: 'netswarm', notes: true })
    assert.match(notes, /get secret swarm-netswarm-api-token -o jsonpath='\{\.data\.token\}'/)
    assert.match(notes, /port-forward svc\/swarm-netswarm-gateway 8080:80/)
    assert.match(notes, /port-forward svc\/swarm-netswarm-console/)
    const noConsole = await renderText(renderer, { notes: true, set: ['console.enabled=false'] })
    assert.doesNotMatch(noConsole, /console/)
  })

  it('an upgrade renders the same StatefulSet (no data-losing change from re-rendering)', async () => {
    const a = findObject(await render(renderer, { name: 'r' }), 'StatefulSet')
    const b = findObject(await render(renderer, { name: 'r', upgrade: true }), 'StatefulSet')
    assert.deepEqual(b, a)
  })
})

describe('chart with a private swarm', () => {
  const swarmKeyOf = (secret: K8sObject, key = 'swarm.key') =>
    SwarmKey.parse(Buffer.from(secret.data[key] as string, 'base64').toString('utf8'))

  it('generates a secret and mounts it into dht and transfer only; their config loaders accept it', async () => {
    const objects = await render(renderer, { name: 'priv', namespace: 'swarm', set: ['privateSwarm.enabled=true'] })
    for (const o of objects) await validate(o)
    const secret = findObject(objects, 'Secret', '-swarm-key')
    assert.equal(secret.metadata.name, 'priv-netswarm-swarm-key')
    assert.equal(secret.metadata.annotations['helm.sh/resource-policy'], 'keep')
    const key = swarmKeyOf(secret)
    const sts = findObject(objects, 'StatefulSet')
    const volume = sts.spec.template.spec.volumes.find((v: K8sObject) => v.name === 'swarm-key')
    assert.deepEqual(volume.secret, {
      secretName: 'priv-netswarm-swarm-key',
      defaultMode: 0o440,
      items: [{ key: 'swarm.key', path: 'swarm.key' }],
    })
    for (const name of ['dht', 'transfer', 'gateway', 'storage']) {
      const c = container(sts, name)
      const mount = (c.volumeMounts ?? []).find((m: K8sObject) => m.name === 'swarm-key')
      const env = c.env.find((e: K8sObject) => e.name === 'NETSWARM_SWARM_KEY_FILE')
      if (name === 'dht' || name === 'transfer') {
        assert.equal(mount.readOnly, true)
        assert.equal(env.value, `${mount.mountPath}/swarm.key`)
      } else {
        assert.equal(mount, undefined, `${name} has no business with the swarm key`)
        assert.equal(env, undefined)
      }
    }
    // The services read the mounted file: put the Secret's bytes where the env points, here.
    const dir = mkdtempSync(join(tmpdir(), 'netswarm-chart-key-'))
    try {
      const file = join(dir, 'swarm.key')
      writeFileSync(file, Buffer.from(secret.data['swarm.key'] as string, 'base64'))
      const secrets = objects.filter((o) => o.kind === 'Secret')
      const dht = loadDhtConfig({ ...envOf(sts, secrets, 'dht'), NETSWARM_SWARM_KEY_FILE: file })
      const transfer = loadTransferConfig({ ...envOf(sts, secrets, 'transfer'), NETSWARM_SWARM_KEY_FILE: file })
      assert.equal(dht.swarmKeyFile?.fingerprint, key.fingerprint)
      assert.equal(transfer.swarmKeyFile?.fingerprint, key.fingerprint)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
    // Without a cluster to look the live Secret up, every render makes a new key (README caveat).
    const again = await render(renderer, { name: 'priv', namespace: 'swarm', set: ['privateSwarm.enabled=true'] })
    assert.notEqual(swarmKeyOf(findObject(again, 'Secret', '-swarm-key')).fingerprint, key.fingerprint)
    const notes = await renderText(renderer, { name: 'priv', notes: true, set: ['privateSwarm.enabled=true'] })
    assert.match(notes, /get secret priv-netswarm-swarm-key -o jsonpath='\{\.data\.swarm\\\.key\}'/)
  })

  it('uses an existing Secret and key name, and renders no key of its own', async () => {
    const objects = await render(renderer, {
      name: 'priv',
      set: ['privateSwarm.enabled=true', 'privateSwarm.existingSecret=team-swarm', 'privateSwarm.secretKey=key.txt'],
    })
    assert.equal(
      objects.find((o) => o.kind === 'Secret' && o.metadata.name.endsWith('-swarm-key')),
      undefined,
    )
    const sts = findObject(objects, 'StatefulSet')
    const volume = sts.spec.template.spec.volumes.find((v: K8sObject) => v.name === 'swarm-key')
    assert.equal(volume.secret.secretName, 'team-swarm')
    assert.deepEqual(volume.secret.items, [{ key: 'key.txt', path: 'swarm.key' }])
  })

  it('a public swarm (the default) has no key, volume or variable', async () => {
    const objects = await render(renderer, { name: 'pub' })
    const text = JSON.stringify(objects)
    assert.doesNotMatch(text, /swarm-key|NETSWARM_SWARM_KEY/)
    await assert.rejects(
      renderText(renderer, { set: ['privateSwarm.enabled=true', 'privateSwarm.secretKey=a/b'] }),
      /privateSwarm\.secretKey: does not match pattern/,
    )
  })
})

describe('renderer semantics (test/k8s/fixtures/mini-chart)', () => {
  it('include, tpl, required, toYaml/fromYaml, .Files.Glob/Get, .Capabilities, .Template, missing keys', async () => {
    const { execFile } = await import('node:child_process')
    const { promisify } = await import('node:util')
    const chart = join(CHART, '../../../test/k8s/fixtures/mini-chart')
    const { stdout } = await promisify(execFile)(renderer.binary, [
      '--name',
      'r1',
      '--namespace',
      'ns1',
      '--set',
      'greeting=hi',
      chart,
    ])
    const { parse } = await import('yaml')
    const doc = parse(stdout.split('# Source: mini/templates/configmap.yaml\n')[1]!) as K8sObject
    assert.deepEqual(doc.data, {
      upper: 'MINI-R1',
      tpl: 'hi from tpl',
      required: 'present',
      appVersion: '9.9',
      template: 'mini/templates/configmap.yaml',
      roundTrip: '1',
      files: 'files/a.txt;files/b.txt;',
      fileB: 'beta',
      monitoring: 'false',
      kube: '30',
      missing: '',
      nested: 'list:\n  - a\n  - b\nmap:\n  x: 1\n',
    })
    await assert.rejects(promisify(execFile)(renderer.binary, ['--set', 'need=', chart]), /need is required/)
  })
})
