/**
 * Runs rendered pods as processes: each container is `deploy/docker/entrypoint.sh <args>` inside
 * its pod's network namespace, with exactly the environment the chart gives it and its volumes
 * bind-mounted at the chart's mount paths (a private mount namespace per process; containers of
 * one pod share the pod's volume directories, as they share an emptyDir/PVC in Kubernetes).
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ContainerSpec } from './kubelet.ts'
import { REPO } from './render.ts'

const ENTRYPOINT = join(REPO, 'deploy/docker/entrypoint.sh')

// Mount each volume at its path; a missing mount point gets a private tmpfs parent first (so
// nothing is created on the host), one per parent: sibling mount points share it. Deeper paths
// first: /tmp is replaced last. The repository
// (the image's /app) may itself lie under a mounted path, e.g. a clone in /tmp: it is kept
// reachable through a private bind at /mnt/repo and bound back at its own path afterwards.
const MOUNT_SCRIPT = `set -e
repo="$1"; shift
made=""
mount -t tmpfs tmpfs /mnt
mkdir /mnt/repo
mount --bind "$repo" /mnt/repo
while [ "$1" != "--" ]; do
  src="$1"; dst="$2"; shift 2
  if [ ! -d "$dst" ]; then
    parent="$(dirname "$dst")"
    case " $made " in *" $parent "*) ;; *) mount -t tmpfs tmpfs "$parent"; made="$made $parent" ;; esac
    mkdir -p "$dst"
  fi
  mount --bind "$src" "$dst"
done
shift
if [ ! -f "$repo/package.json" ]; then mkdir -p "$repo"; mount --bind /mnt/repo "$repo"; fi
exec "$@"`

export interface RunningContainer {
  name: string
  process: ChildProcess
  logFile: string
  exited: Promise<number | null>
}

export interface EmulatedPod {
  name: string
  ns: string
  ip: string
  dir: string
  containers: RunningContainer[]
  /** SIGKILL every container (the node is gone). */
  kill(): Promise<void>
  /** SIGTERM, then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>
}

function launch(ns: string, podDir: string, spec: ContainerSpec): RunningContainer {
  const mounts = [...spec.mounts].sort((a, b) => b.path.split('/').length - a.path.split('/').length)
  const mountArgs: string[] = []
  for (const m of mounts) {
    const src = join(podDir, 'volumes', m.volume)
    mkdirSync(src, { recursive: true })
    mountArgs.push(src, m.path)
  }
  const logFile = join(podDir, `${spec.name}.log`)
  const fd = openSync(logFile, 'a')
  const child = spawn(
    'ip',
    [
      'netns',
      'exec',
      ns,
      'unshare',
      '--mount',
      '--propagation',
      'private',
      'sh',
      '-c',
      MOUNT_SCRIPT,
      'sh',
      REPO,
      ...mountArgs,
      '--',
      ...(spec.command ?? [ENTRYPOINT]),
      ...spec.args,
    ],
    // Only what the chart sets, plus PATH so the entrypoint finds node.
    // The image's WORKDIR is the repository root (/app).
    { cwd: REPO, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...spec.env }, stdio: ['ignore', fd, fd] },
  )
  closeSync(fd)
  const exited = once(child, 'exit').then(([code]) => code as number | null)
  return { name: spec.name, process: child, logFile, exited }
}

async function terminate(containers: RunningContainer[], signal: NodeJS.Signals, graceMs: number): Promise<void> {
  const alive = containers.filter((c) => c.process.exitCode === null && c.process.signalCode === null)
  for (const c of alive) c.process.kill(signal)
  let timer: NodeJS.Timeout | undefined
  const grace = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), graceMs)
  })
  const result = await Promise.race([Promise.all(alive.map((c) => c.exited)), grace])
  clearTimeout(timer)
  if (result === 'timeout') {
    for (const c of alive) if (c.process.exitCode === null && c.process.signalCode === null) c.process.kill('SIGKILL')
    await Promise.all(alive.map((c) => c.exited))
  }
}

/** Runs a pod whose containers run to completion (a `helm test` pod); resolves with exit codes. */
export async function runPodToCompletion(
  ns: string,
  dir: string,
  containers: ContainerSpec[],
): Promise<{ name: string; code: number | null; log: string }[]> {
  mkdirSync(dir, { recursive: true })
  const running = containers.map((spec) => launch(ns, dir, spec))
  return Promise.all(running.map(async (c) => ({ name: c.name, code: await c.exited, log: tail(c.logFile) })))
}

/** Runs init containers to completion, then starts the containers. */
export async function startPod(
  name: string,
  ns: string,
  ip: string,
  dir: string,
  init: ContainerSpec[],
  containers: ContainerSpec[],
): Promise<EmulatedPod> {
  mkdirSync(dir, { recursive: true })
  for (const spec of init) {
    const c = launch(ns, dir, spec)
    const code = await c.exited
    if (code !== 0) throw new Error(`init container ${name}/${spec.name} exited ${code}: ${tail(c.logFile)}`)
  }
  const running = containers.map((spec) => launch(ns, dir, spec))
  return {
    name,
    ns,
    ip,
    dir,
    containers: running,
    kill: () => terminate(running, 'SIGKILL', 5000),
    stop: (graceMs = 5000) => terminate(running, 'SIGTERM', graceMs),
  }
}

/** Last lines of a container log, for failure messages. */
export function tail(file: string, lines = 15): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n')
  } catch {
    return '(no log)'
  }
}
