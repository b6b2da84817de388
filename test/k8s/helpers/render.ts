import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { parseAllDocuments } from 'yaml'

const run = promisify(execFile)

export const REPO = fileURLToPath(new URL('../../../', import.meta.url))
export const CHART = join(REPO, 'deploy/helm/netswarm')

/** A rendered Kubernetes object (loosely typed: tests check shapes field by field). */
export type K8sObject = {
  apiVersion: string
  kind: string
  metadata: { name: string; [k: string]: any }
  [k: string]: any
}

/** The renderer binary, built once per process from tools/helm-render with Debian's Go + sprig. */
export interface Renderer {
  binary: string
  cleanup(): void
}

export async function buildRenderer(): Promise<Renderer> {
  const dir = mkdtempSync(join(tmpdir(), 'helm-render-'))
  const binary = join(dir, 'helm-render')
  await run('go', ['build', '-o', binary, './tools/helm-render'], {
    cwd: REPO,
    env: { ...process.env, GOPATH: '/usr/share/gocode', GO111MODULE: 'off', GOFLAGS: '' },
  }).catch((err: Error & { stderr?: string }) => {
    throw new Error(
      `building tools/helm-render failed (needs apt packages golang-go golang-github-masterminds-sprig-dev): ${err.stderr ?? err.message}`,
    )
  })
  return { binary, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

export interface RenderOptions {
  name?: string
  namespace?: string
  set?: string[]
  valuesFiles?: string[]
  apiVersions?: string[]
  upgrade?: boolean
  /** Render templates/NOTES.txt instead of the manifests. */
  notes?: boolean
}

/** Runs the renderer; resolves with stdout, rejects with its error output. */
export async function renderText(renderer: Renderer, options: RenderOptions = {}): Promise<string> {
  const args = ['--name', options.name ?? 'demo', '--namespace', options.namespace ?? 'swarm']
  for (const s of options.set ?? []) args.push('--set', s)
  for (const f of options.valuesFiles ?? []) args.push('-f', f)
  for (const a of options.apiVersions ?? []) args.push('--api-versions', a)
  if (options.upgrade) args.push('--upgrade')
  if (options.notes) args.push('--notes')
  args.push(CHART)
  try {
    const { stdout } = await run(renderer.binary, args, { maxBuffer: 64 * 1024 * 1024 })
    return stdout
  } catch (err) {
    throw new Error((err as { stderr?: string }).stderr || (err as Error).message)
  }
}

/** Renders and parses every document; a YAML error (duplicate key, bad indent) fails. */
export async function render(renderer: Renderer, options: RenderOptions = {}): Promise<K8sObject[]> {
  const text = await renderText(renderer, options)
  const out: K8sObject[] = []
  for (const doc of parseAllDocuments(text, { uniqueKeys: true })) {
    if (doc.errors.length > 0)
      throw new Error(`rendered YAML is invalid: ${doc.errors.map((e) => e.message).join('; ')}`)
    const value = doc.toJS() as K8sObject | null
    if (value) out.push(value)
  }
  return out
}

export function findObject(objects: K8sObject[], kind: string, nameSuffix = ''): K8sObject {
  const found = objects.find((o) => o.kind === kind && o.metadata.name.endsWith(nameSuffix))
  if (!found)
    throw new Error(`no ${kind} *${nameSuffix} among ${objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')}`)
  return found
}
