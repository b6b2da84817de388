/**
 * Retention policy of `netswarm prune` (pure). Keeps:
 * - the newest version always (the name resolves to it);
 * - the `keepLast` newest versions;
 * - for each of the `keepDaily` UTC calendar days ending with the day of `nowMs`, the newest
 *   version published that day (days without a version keep nothing).
 * Every other version may be dropped.
 */

export interface RetentionPolicy {
  keepLast: number
  keepDaily: number
}

const DAY_MS = 24 * 60 * 60 * 1000

/** Sequence numbers of the versions the policy keeps. */
export function selectKept(
  versions: readonly { sequence: number; timeMs: number }[],
  policy: RetentionPolicy,
  nowMs: number,
): Set<number> {
  const newestFirst = [...versions].sort((a, b) => b.sequence - a.sequence)
  const kept = new Set<number>()
  if (newestFirst.length === 0) return kept
  kept.add(newestFirst[0].sequence)
  for (const v of newestFirst.slice(0, policy.keepLast)) kept.add(v.sequence)
  const today = Math.floor(nowMs / DAY_MS)
  const seenDays = new Set<number>()
  for (const v of newestFirst) {
    const day = Math.floor(v.timeMs / DAY_MS)
    if (day > today || day <= today - policy.keepDaily || seenDays.has(day)) continue
    seenDays.add(day)
    kept.add(v.sequence)
  }
  return kept
}
