import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { test } from 'node:test'

test('SIGTERM stops the service, then runs the shutdown hooks, then exits 0', async () => {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', new URL('./fixtures/shutdown-child.ts', import.meta.url).pathname],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  let out = ''
  child.stdout.setEncoding('utf8')
  const ready = new Promise<void>((resolve) =>
    child.stdout.on('data', (text: string) => {
      out += text
      if (out.includes('ready\n')) resolve()
    }),
  )
  await ready
  child.kill('SIGTERM')
  const [code] = await once(child, 'exit')
  assert.equal(code, 0)
  assert.equal(out, 'ready\nstopped SIGTERM\nhook\n')
})
