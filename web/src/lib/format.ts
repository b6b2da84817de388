/** Human-readable figures for the console (pure, shared by every page). */

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB']

/** `1536` → `1.5 KiB`. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—'
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024
    unit++
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 2 : value < 100 ? 1 : 0)} ${UNITS[unit]}`
}

/** Bytes per second → `12.3 MiB/s`. */
export function formatRate(bytesPerSecond: number): string {
  return `${formatBytes(Math.max(0, bytesPerSecond))}/s`
}

/** Completed share in whole percent, 0–100 (an empty file is complete). */
export function percent(done: number, total: number): number {
  if (total <= 0) return done >= total ? 100 : 0
  return Math.max(0, Math.min(100, Math.floor((done / total) * 100)))
}

/** First and last characters of a long id: `bafyrei…x7q2`. */
export function shortId(id: string, head = 8, tail = 4): string {
  return id.length <= head + tail + 1 ? id : `${id.slice(0, head)}…${id.slice(-tail)}`
}

/** Milliseconds → `42 ms` / `1.2 s`. */
export function formatMs(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms) || ms <= 0) return '—'
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`
}

/** Time since `ms` (epoch) → `5 s ago`. */
export function ago(ms: number | undefined, now = Date.now()): string {
  if (!ms) return '—'
  const s = Math.max(0, Math.round((now - ms) / 1000))
  if (s < 60) return `${s} s ago`
  if (s < 3600) return `${Math.round(s / 60)} min ago`
  return `${Math.round(s / 3600)} h ago`
}
