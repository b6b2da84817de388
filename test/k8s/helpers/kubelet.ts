/**
 * The part of a kubelet the pod emulation needs: turn a rendered StatefulSet's pod template into
 * per-container process specs (downward API, secretKeyRef and $(VAR) expansion, as Kubernetes
 * does), and run its probes. Nothing here knows NetSwarm's variables: they come from the chart.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { dirname, join } from 'node:path'
import { checkHealth } from '@netswarm/runtime'
import type { K8sObject } from './render.ts'

export interface ContainerSpec {
  name: string
  /** The container's `command` (replaces the image entrypoint) when set. */
  command?: string[]
  args: string[]
  env: Record<string, string>
  mounts: { volume: string; path: string }[]
  readinessProbe?: any
}

export interface PodFacts {
  name: string
  namespace: string
  ip: string
}

interface EnvVar {
  name: string
  value?: string
  valueFrom?: { fieldRef?: { fieldPath: string }; secretKeyRef?: { name: string; key: string } }
}

/** Kubernetes' $(VAR) expansion: references to earlier variables are replaced, $$ escapes. */
export function expandVars(value: string, env: Record<string, string>): string {
  return value.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (match, name: string | undefined) => {
    if (match === '$$') return '$'
    return name !== undefined && name in env ? (env[name] as string) : match
  })
}

function resolveEnv(vars: EnvVar[], pod: PodFacts, secrets: K8sObject[]): Record<string, string> {
  // The container runtime sets HOSTNAME to the pod name; the chart's variables follow.
  const env: Record<string, string> = { HOSTNAME: pod.name }
  for (const v of vars) {
    if (v.value !== undefined) env[v.name] = expandVars(String(v.value), env)
    else if (v.valueFrom?.fieldRef) {
      const path = v.valueFrom.fieldRef.fieldPath
      const known: Record<string, string> = {
        'metadata.name': pod.name,
        'metadata.namespace': pod.namespace,
        'status.podIP': pod.ip,
      }
      const value = known[path]
      if (value === undefined) throw new Error(`downward API field ${path} is not emulated`)
      env[v.name] = value
    } else if (v.valueFrom?.secretKeyRef) {
      const { name, key } = v.valueFrom.secretKeyRef
      const secret = secrets.find((s) => s.metadata.name === name)
      const data = secret?.data?.[key] as string | undefined
      if (data === undefined) throw new Error(`secret ${name} key ${key} is not among the rendered objects`)
      env[v.name] = Buffer.from(data, 'base64').toString('utf8')
    } else throw new Error(`env ${v.name}: unsupported source`)
  }
  return env
}

/** Init containers then containers of one pod of a rendered StatefulSet (or of a rendered Pod). */
export function podContainers(
  workload: K8sObject,
  secrets: K8sObject[],
  pod: PodFacts,
): { init: ContainerSpec[]; containers: ContainerSpec[] } {
  const spec = workload.kind === 'Pod' ? workload.spec : workload.spec.template.spec
  const toSpec = (c: any): ContainerSpec => ({
    name: c.name,
    command: c.command?.map(String),
    args: (c.args ?? []).map(String),
    env: resolveEnv(c.env ?? [], pod, secrets),
    mounts: (c.volumeMounts ?? []).map((m: any) => ({ volume: m.name, path: m.mountPath })),
    readinessProbe: c.readinessProbe,
  })
  return { init: (spec.initContainers ?? []).map(toSpec), containers: spec.containers.map(toSpec) }
}

function httpStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request(url, { timeout: 2000 }, (res) => {
      res.resume()
      resolve(res.statusCode ?? 0)
    })
    req.on('error', () => resolve(0))
    req.on('timeout', () => req.destroy())
    req.end()
  })
}

/** One probe attempt, dialled at the pod IP as the kubelet does. */
export async function probeOnce(probe: any, podIp: string, namedPorts: Record<string, number>): Promise<boolean> {
  if (probe.grpc) {
    return checkHealth(`${podIp}:${probe.grpc.port}`, probe.grpc.service ?? '', 2000)
      .then((s) => s === 'SERVING')
      .catch(() => false)
  }
  if (probe.httpGet) {
    const port = typeof probe.httpGet.port === 'number' ? probe.httpGet.port : namedPorts[probe.httpGet.port]
    const status = await httpStatus(`http://${podIp}:${port}${probe.httpGet.path}`)
    return status >= 200 && status < 400
  }
  throw new Error(`probe kind not emulated: ${JSON.stringify(probe)}`)
}

/** Named container ports of the pod template (httpGet probes may name a port). */
export function namedPorts(statefulSet: K8sObject): Record<string, number> {
  const out: Record<string, number> = {}
  for (const c of statefulSet.spec.template.spec.containers)
    for (const p of c.ports ?? []) if (p.name) out[p.name] = p.containerPort
  return out
}

/**
 * Fills the pod's Secret volumes as the kubelet does: each listed item (or every key) of the named
 * Secret becomes a file under `<podDir>/volumes/<volume>/`, with the volume's `defaultMode`.
 */
export function writeSecretVolumes(workload: K8sObject, secrets: K8sObject[], podDir: string): void {
  const spec = workload.kind === 'Pod' ? workload.spec : workload.spec.template.spec
  for (const volume of spec.volumes ?? []) {
    if (!volume.secret) continue
    const secret = secrets.find((s) => s.metadata.name === volume.secret.secretName)
    if (!secret) throw new Error(`secret ${volume.secret.secretName} (volume ${volume.name}) is not among the objects`)
    const items: { key: string; path: string }[] =
      volume.secret.items ?? Object.keys(secret.data ?? {}).map((key) => ({ key, path: key }))
    for (const { key, path } of items) {
      const data = secret.data?.[key] as string | undefined
      if (data === undefined) throw new Error(`secret ${secret.metadata.name} has no key ${key}`)
      const file = join(podDir, 'volumes', volume.name, path)
      mkdirSync(dirname(file), { recursive: true })
      writeFileSync(file, Buffer.from(data, 'base64'))
      chmodSync(file, volume.secret.defaultMode ?? 0o644)
    }
  }
}
