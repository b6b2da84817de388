import { randomBytes } from 'node:crypto'
import { closeSync, mkdtempSync, openSync, rmSync, unlinkSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * System CPU time of writing `bytes` to a new file in 4 MiB writes: once into memory the kernel
 * has to find (on a VM with free page reporting, memory returned to the host faults on first
 * touch), once more right after deleting that file (the same pages, still warm). The difference is
 * what storing new data costs here beyond the copy itself; plain TCP never pays it.
 */
export function firstTouchCost(bytes: number): { coldMs: number; warmMs: number } {
  const dir = mkdtempSync(join(tmpdir(), 'netswarm-touch-'))
  const block = randomBytes(4 * 1024 * 1024)
  const write = (path: string) => {
    const before = process.cpuUsage().system
    const fd = openSync(path, 'w')
    for (let at = 0; at < bytes; at += block.length) writeSync(fd, block, 0, Math.min(block.length, bytes - at), at)
    closeSync(fd)
    return (process.cpuUsage().system - before) / 1000
  }
  try {
    const coldMs = write(join(dir, 'a'))
    unlinkSync(join(dir, 'a'))
    const warmMs = write(join(dir, 'b'))
    return { coldMs, warmMs }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
