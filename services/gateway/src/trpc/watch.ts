import { setTimeout as delay } from 'node:timers/promises'
import { isDeepStrictEqual } from 'node:util'

/**
 * Re-reads `read()` every `intervalMs` and yields the value whenever it changed (the first
 * value always). The backends offer snapshots, not change streams, so the gateway turns
 * snapshots into a live feed for the console; one loop per subscriber, ended by `signal`.
 */
export async function* watchSnapshots<T>(
  read: () => Promise<T>,
  intervalMs: number,
  signal: AbortSignal | undefined,
): AsyncGenerator<T> {
  let previous: T | undefined
  let first = true
  while (!signal?.aborted) {
    const value = await read()
    if (first || !isDeepStrictEqual(value, previous)) yield value
    first = false
    previous = value
    try {
      await delay(intervalMs, undefined, { signal })
    } catch {
      return
    }
  }
}

/** Differences between two sets of ids, for "peer joined/left" events. */
export function diffIds(
  before: ReadonlySet<string>,
  after: ReadonlySet<string>,
): { added: string[]; removed: string[] } {
  return {
    added: [...after].filter((id) => !before.has(id)),
    removed: [...before].filter((id) => !after.has(id)),
  }
}
