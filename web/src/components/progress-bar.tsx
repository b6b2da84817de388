/** A labelled progress bar; `value` is 0–100. */
export function ProgressBar({ value, label, state }: { value: number; label?: string; state?: string }) {
  return (
    <div
      className={`progress ${state ?? ''}`}
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={value}
      aria-label={label}
    >
      <div className="progress-fill" style={{ width: `${value}%` }} />
    </div>
  )
}
