import type { Rng } from './rng.ts'

/** Round-trip time between two simulated nodes. */
export interface LatencyModel {
  rttMs(a: number, b: number): number
}

/** Options of {@link CoordinateLatency}. */
export interface CoordinateLatencyInit {
  /** RTT between two nodes at the same place. @default 5 */
  minRttMs?: number
  /** RTT between opposite corners of the plane. @default 300 */
  maxRttMs?: number
}

/**
 * Nodes placed uniformly at random on a unit square; RTT grows linearly with their distance,
 * from `minRttMs` to `maxRttMs`. It obeys the triangle inequality, as real Internet RTTs mostly do.
 */
export class CoordinateLatency implements LatencyModel {
  private readonly xs: number[] = []
  private readonly ys: number[] = []
  private readonly min: number
  private readonly span: number

  constructor(
    private readonly rng: Rng,
    init: CoordinateLatencyInit = {},
  ) {
    this.min = init.minRttMs ?? 5
    this.span = (init.maxRttMs ?? 300) - this.min
  }

  /** Places node `i` (nodes must be placed in order 0, 1, 2, ...). */
  place(i: number): void {
    while (this.xs.length <= i) {
      this.xs.push(this.rng.next())
      this.ys.push(this.rng.next())
    }
  }

  rttMs(a: number, b: number): number {
    const dx = this.xs[a] - this.xs[b]
    const dy = this.ys[a] - this.ys[b]
    return this.min + (this.span * Math.sqrt(dx * dx + dy * dy)) / Math.SQRT2
  }
}
