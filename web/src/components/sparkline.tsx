import { formatRate } from '../lib/format.ts'

/** A small SVG line chart of speed samples (bytes/s), newest on the right. */
export function Sparkline({
  samples,
  width = 160,
  height = 36,
}: {
  samples: number[]
  width?: number
  height?: number
}) {
  if (samples.length < 2) return <svg className="sparkline" width={width} height={height} aria-hidden />
  const max = Math.max(...samples, 1)
  const step = width / (samples.length - 1)
  const points = samples.map((v, i) => `${(i * step).toFixed(1)},${(height - 2 - (v / max) * (height - 4)).toFixed(1)}`)
  return (
    <svg className="sparkline" width={width} height={height} viewBox={`0 0 ${width} ${height}`}>
      <title>{`speed, peak ${formatRate(max)}`}</title>
      <polyline points={`0,${height} ${points.join(' ')} ${width},${height}`} className="spark-area" />
      <polyline points={points.join(' ')} className="spark-line" />
    </svg>
  )
}
