#!/usr/bin/env node
// Runs every *.test.ts of the workspace with node's test runner (through tsx).
// Node 20 does not expand globs itself, and with no file arguments it finds no .ts files,
// so the files are listed here explicitly. Extra arguments filter by path substring.
import { spawn, spawnSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const SKIP = new Set(['node_modules', '.next', 'dist', '.git'])

function collect(dir, out) {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue
    const path = join(dir, name)
    if (statSync(path).isDirectory()) collect(path, out)
    else if (name.endsWith('.test.ts')) out.push(relative(root, path))
  }
  return out
}

const filters = process.argv.slice(2)
const files = ['packages', 'services', 'cli', 'test']
  .flatMap((top) => {
    try {
      return collect(join(root, top), [])
    } catch {
      return []
    }
  })
  .filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)))
  .sort()

// The whole suite needs a few Debian packages (browser, Prometheus, Go, iproute2): install what is
// missing, so `npm test` works on a fresh machine as it does in CI.
if (filters.length === 0) {
  const deps = spawnSync('bash', [join(root, 'scripts', 'system-deps.sh')], { stdio: 'inherit' })
  if (deps.status !== 0) process.exit(deps.status ?? 1)
}

if (files.length === 0) {
  console.error('no test files matched')
  process.exit(1)
}

const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-timeout=600000', ...files], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NETSWARM_LOG_LEVEL: process.env.NETSWARM_LOG_LEVEL ?? 'warn' },
})
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
