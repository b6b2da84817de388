import { type ChildProcess, spawn } from 'node:child_process'
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { chunkStream } from '@netswarm/content'
import type { IndexEntry } from './protocol.ts'

const HERE = new URL('.', import.meta.url).pathname

/**
 * The bare pipeline (see protocol.ts) over `filePath`'s chunks from `sources` source processes
 * to one sink process on 127.0.0.1; resolves with the sink's MB/s. Setup (chunking, filling each
 * source's store) is not timed.
 */
export async function barePipeline(filePath: string, sources: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'netswarm-bare-'))
  const children: ChildProcess[] = []
  try {
    const entries: IndexEntry[] = []
    for await (const chunk of chunkStream(createReadStream(filePath))) {
      entries.push({ cid: chunk.cid.toString(), offset: chunk.offset, size: chunk.bytes.length })
    }
    const indexPath = join(dir, 'index.json')
    writeFileSync(indexPath, JSON.stringify(entries))
    const ports = await Promise.all(
      Array.from({ length: sources }, async (_, i) => {
        const child = run(children, 'sender.ts', [indexPath, filePath, join(dir, `source${i}`)])
        return String((await firstLine(child)).port)
      }),
    )
    const sink = run(children, 'receiver.ts', [indexPath, join(dir, 'sink'), ...ports])
    const { ms, bytes } = (await firstLine(sink)) as { ms: number; bytes: number }
    return bytes / 1e6 / (ms / 1000)
  } finally {
    for (const child of children) child.kill('SIGKILL')
    rmSync(dir, { recursive: true, force: true })
  }
}

function run(children: ChildProcess[], script: string, args: string[]): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', join(HERE, script), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  children.push(child)
  return child
}

function firstLine(child: ChildProcess): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })
    lines.once('line', (line) => resolve(JSON.parse(line)))
    child.once('exit', (code) => reject(new Error(`bare pipeline ${child.spawnargs.at(-1)} exited with ${code}`)))
  })
}
