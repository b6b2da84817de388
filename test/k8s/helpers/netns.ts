/**
 * A tiny "cluster network" on this machine: one network namespace per pod with its own address,
 * veth pairs to one bridge, and /etc/netns/<ns>/hosts (bind-mounted over /etc/hosts by
 * `ip netns exec`) standing in for cluster DNS. Root only; everything is torn down by destroy().
 */
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'

export interface NetPod {
  /** Network namespace name. */
  ns: string
  ip: string
  hostVeth: string
}

export interface PodNetwork {
  bridge: string
  /** Address of the bridge in the root namespace (the "node"): tests and Prometheus dial pods from it. */
  gatewayIp: string
  pods: NetPod[]
  /** Writes the same hosts file into every namespace. */
  setHosts(entries: { ip: string; names: string[] }[]): void
  /** Deletes one pod's namespace and its veth (the pod's node is gone). */
  deletePod(index: number): void
  destroy(): void
}

function ip(...args: string[]): void {
  execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] })
}

/** Fails loudly (never skips) when the test cannot build namespaces: CI runs as root. */
export function assertCanUseNetns(): void {
  if (process.getuid?.() !== 0) {
    throw new Error('the pod emulation test must run as root (it creates network namespaces); CI runs it as root')
  }
  execFileSync('ip', ['netns', 'list'])
}

/**
 * Creates `count` namespaces on a fresh bridge. `rateMbit` shapes each pod's link (tbf), so a
 * download lasts long enough to cut a peer off in the middle of it.
 */
export function createPodNetwork(count: number, options: { rateMbit?: number } = {}): PodNetwork {
  const id = randomBytes(3).toString('hex')
  // 10.213.<random>.0/24: private, and used only inside these namespaces and this bridge.
  const subnet = `10.213.${randomBytes(1)[0]! % 250}`
  const bridge = `nsb${id}`
  const gatewayIp = `${subnet}.1`
  const pods: NetPod[] = []
  const created: string[] = []
  const net: PodNetwork = {
    bridge,
    gatewayIp,
    pods,
    setHosts(entries) {
      const text = `127.0.0.1 localhost\n${entries.map((e) => `${e.ip} ${e.names.join(' ')}`).join('\n')}\n`
      for (const pod of pods) {
        mkdirSync(`/etc/netns/${pod.ns}`, { recursive: true })
        writeFileSync(`/etc/netns/${pod.ns}/hosts`, text)
      }
    },
    deletePod(index) {
      const pod = pods[index]!
      try {
        ip('netns', 'del', pod.ns)
      } catch {}
      try {
        ip('link', 'del', pod.hostVeth)
      } catch {}
    },
    destroy() {
      for (let i = 0; i < pods.length; i++) {
        net.deletePod(i)
        rmSync(`/etc/netns/${pods[i]!.ns}`, { recursive: true, force: true })
      }
      for (const ns of created) rmSync(`/etc/netns/${ns}`, { recursive: true, force: true })
      try {
        ip('link', 'del', bridge)
      } catch {}
    },
  }
  try {
    ip('link', 'add', bridge, 'type', 'bridge')
    ip('addr', 'add', `${gatewayIp}/24`, 'dev', bridge)
    ip('link', 'set', bridge, 'up')
    for (let i = 0; i < count; i++) {
      const ns = `nsk-${id}-${i}`
      const hostVeth = `nsv${id}${i}`
      const podVeth = `nsp${id}${i}`
      ip('netns', 'add', ns)
      created.push(ns)
      const pod: NetPod = { ns, ip: `${subnet}.${10 + i}`, hostVeth }
      pods.push(pod)
      ip('link', 'add', hostVeth, 'type', 'veth', 'peer', 'name', podVeth)
      ip('link', 'set', podVeth, 'netns', ns)
      ip('link', 'set', hostVeth, 'master', bridge)
      ip('link', 'set', hostVeth, 'up')
      ip('-n', ns, 'link', 'set', 'lo', 'up')
      ip('-n', ns, 'link', 'set', podVeth, 'name', 'eth0')
      ip('-n', ns, 'addr', 'add', `${pod.ip}/24`, 'dev', 'eth0')
      ip('-n', ns, 'link', 'set', 'eth0', 'up')
      if (options.rateMbit) {
        execFileSync('tc', [
          '-n',
          ns,
          'qdisc',
          'add',
          'dev',
          'eth0',
          'root',
          'tbf',
          'rate',
          `${options.rateMbit}mbit`,
          'burst',
          '64kb',
          'latency',
          '50ms',
        ])
      }
    }
  } catch (err) {
    net.destroy()
    throw err
  }
  return net
}
