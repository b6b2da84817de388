'use client'
import { useState } from 'react'

/** Copies `text` to the clipboard (falls back to selecting it where the clipboard is closed). */
export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [done, setDone] = useState<'copied' | 'failed' | undefined>()
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text)
      setDone('copied')
    } catch {
      setDone('failed')
    }
    setTimeout(() => setDone(undefined), 1500)
  }
  return (
    <button type="button" className="small" onClick={() => void copy()} data-testid="copy-link">
      {done === 'copied' ? 'Copied ✓' : done === 'failed' ? 'Select & copy' : label}
    </button>
  )
}
