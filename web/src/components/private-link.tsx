'use client'
import type { UploadResult } from '../lib/upload.ts'
import { CopyButton } from './copy-button.tsx'

/** The read link of a private upload: shown once, with the warning; the gateway keeps no copy. */
export function PrivateLink({ result }: { result: UploadResult }) {
  return (
    <div className="private-link" data-testid="private-link">
      <div className="warning">{result.warning}</div>
      <div className="row">
        <code data-testid="private-read-link">{result.link}</code>
        <CopyButton text={result.link} label="Copy read link" />
      </div>
      <div className="row muted">
        <code>{result.netswarmLink}</code>
        <CopyButton text={result.netswarmLink} label="Copy netswarm:// link" />
      </div>
      {result.verifyLink && (
        <div className="row muted">
          verify only (replicate without reading): <code>{result.verifyLink}</code>
        </div>
      )}
    </div>
  )
}
