import cliProgress from 'cli-progress'
import { formatBytes } from './format.ts'

/** Progress of an upload or download: a bar on a terminal, one line every few seconds otherwise. */
export interface Progress {
  update(done: number, extra?: { peers?: number }): void
  stop(): void
}

/** How often plain (non-TTY) progress lines are printed. */
const PLAIN_INTERVAL_MS = 2000

export function createProgress(label: string, total: number, options: { quiet?: boolean } = {}): Progress {
  if (options.quiet) return { update() {}, stop() {} }
  const started = performance.now()
  let peers = 0
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: `${label} [{bar}] {percentage}% | {doneText} / {totalText} | {speed}/s | peers {peers} | ETA {eta_formatted}`,
        hideCursor: true,
        stream: process.stderr,
        etaBuffer: 20,
      },
      cliProgress.Presets.shades_classic,
    )
    const payload = (done: number) => ({
      doneText: formatBytes(done),
      totalText: formatBytes(total),
      speed: formatBytes(Math.round(done / Math.max(0.001, (performance.now() - started) / 1000))),
      peers,
    })
    bar.start(Math.max(total, 1), 0, payload(0))
    return {
      update(done, extra) {
        if (extra?.peers !== undefined) peers = extra.peers
        bar.update(done, payload(done))
      },
      stop() {
        bar.stop()
      },
    }
  }
  let lastPrint = 0
  const line = (done: number) => {
    const seconds = Math.max(0.001, (performance.now() - started) / 1000)
    const percent = total > 0 ? Math.floor((done / total) * 100) : 100
    process.stderr.write(
      `${label} ${percent}% ${formatBytes(done)} / ${formatBytes(total)} ${formatBytes(Math.round(done / seconds))}/s peers ${peers}\n`,
    )
  }
  let last = 0
  return {
    update(done, extra) {
      if (extra?.peers !== undefined) peers = extra.peers
      last = done
      const now = performance.now()
      if (now - lastPrint >= PLAIN_INTERVAL_MS) {
        lastPrint = now
        line(done)
      }
    },
    stop() {
      line(last)
    },
  }
}
