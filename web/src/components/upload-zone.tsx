'use client'
import { type DragEvent, useRef, useState } from 'react'
import { describeError } from '../lib/errors.ts'
import { publishFolder } from '../lib/folder-upload.ts'
import { formatBytes, percent } from '../lib/format.ts'
import { UploadError, type UploadResult, uploadFile } from '../lib/upload.ts'
import { useConsole } from './console-context.tsx'
import { PrivateLink } from './private-link.tsx'
import { ProgressBar } from './progress-bar.tsx'

interface UploadItem {
  id: number
  name: string
  size: number
  sent: number
  state: 'uploading' | 'done' | 'failed'
  result?: UploadResult
  error?: UploadError
}

let nextId = 1

/** Drop zone and file picker; every file uploads at once, each with its own progress bar. */
export function UploadZone({ onUploaded }: { onUploaded: (result: UploadResult) => void }) {
  const { peer, askToken } = useConsole()
  const [items, setItems] = useState<UploadItem[]>([])
  const [over, setOver] = useState(false)
  const [privateMode, setPrivateMode] = useState(false)
  const [isPublic, setPublic] = useState(false)
  const [tags, setTags] = useState('')
  const input = useRef<HTMLInputElement>(null)
  const folderInput = useRef<HTMLInputElement>(null)

  const patch = (id: number, change: Partial<UploadItem>) =>
    setItems((list) => list.map((it) => (it.id === id ? { ...it, ...change } : it)))

  const start = (files: FileList | File[]) => {
    for (const file of Array.from(files)) {
      const id = nextId++
      setItems((list) =>
        [{ id, name: file.name, size: file.size, sent: 0, state: 'uploading' as const }, ...list].slice(0, 50),
      )
      const search = {
        public: isPublic && !privateMode,
        tags: isPublic
          ? tags
              .split(',')
              .map((t) => t.trim())
              .filter(Boolean)
          : [],
      }
      uploadFile(peer, file, (sent) => patch(id, { sent }), undefined, { private: privateMode, ...search }).then(
        (result) => {
          patch(id, { state: 'done', sent: file.size, result })
          onUploaded(result)
        },
        (error: UploadError) => {
          patch(id, { state: 'failed', error })
          if (error.needsToken) askToken(error.code === 'FORBIDDEN' ? 'wrong' : 'missing')
        },
      )
    }
  }

  /** A picked folder: its files upload one after another, then the gateway publishes the tree. */
  const startFolder = (files: File[]) => {
    const id = nextId++
    const top = files[0]?.webkitRelativePath.split('/')[0] || 'folder'
    const total = files.reduce((sum, f) => sum + f.size, 0)
    setItems((list) =>
      [{ id, name: `${top}/`, size: total, sent: 0, state: 'uploading' as const }, ...list].slice(0, 50),
    )
    publishFolder(peer, top, files, (sent) => patch(id, { sent })).then(
      (result) => {
        patch(id, { state: 'done', sent: total, result })
        onUploaded(result)
      },
      (err: unknown) => {
        const error = err instanceof UploadError ? err : new UploadError('INTERNAL', String(err))
        patch(id, { state: 'failed', error })
        if (error.needsToken) askToken(error.code === 'FORBIDDEN' ? 'wrong' : 'missing')
      },
    )
  }

  const onDrop = (e: DragEvent) => {
    e.preventDefault()
    setOver(false)
    if (e.dataTransfer.files.length) start(e.dataTransfer.files)
  }

  return (
    <div>
      <button
        type="button"
        className={over ? 'dropzone over' : 'dropzone'}
        data-testid="dropzone"
        onDragOver={(e) => {
          e.preventDefault()
          setOver(true)
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        onClick={() => input.current?.click()}
      >
        <strong>Drop files here</strong> or click to choose · several at once
      </button>
      <label className="private-toggle">
        <input
          type="checkbox"
          checked={privateMode}
          data-testid="private-toggle"
          onChange={(e) => setPrivateMode(e.target.checked)}
        />{' '}
        Private: encrypt on this peer; only holders of the link (shown once) can read it
      </label>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        data-testid="file-input"
        onChange={(e) => {
          if (e.target.files?.length) start(e.target.files)
          e.target.value = ''
        }}
      />
      <label className="small">
        <input
          type="checkbox"
          checked={isPublic && !privateMode}
          disabled={privateMode}
          onChange={(e) => setPublic(e.target.checked)}
          data-testid="upload-public"
        />{' '}
        Public: anyone in the swarm can find it by search
      </label>
      {isPublic && !privateMode && (
        <input
          type="text"
          value={tags}
          onChange={(e) => setTags(e.target.value)}
          placeholder="tags, comma separated"
          aria-label="Search tags"
          data-testid="upload-tags"
          maxLength={300}
        />
      )}{' '}
      <button type="button" className="small ghost" onClick={() => folderInput.current?.click()}>
        Upload a folder…
      </button>
      <input
        ref={folderInput}
        type="file"
        hidden
        data-testid="folder-input"
        {...{ webkitdirectory: '' }}
        onChange={(e) => {
          if (e.target.files?.length) startFolder(Array.from(e.target.files))
          e.target.value = ''
        }}
      />
      {items.length > 0 && (
        <ul className="uploads">
          {items.map((it) => (
            <li key={it.id} data-testid="upload-item" data-state={it.state}>
              <div className="row">
                <span className="name">{it.name}</span>
                <span className="muted">
                  {formatBytes(it.sent)} / {formatBytes(it.size)}
                </span>
                <span className={`badge ${it.state}`}>
                  {it.state === 'uploading' ? `${percent(it.sent, it.size)}%` : it.state}
                </span>
              </div>
              <ProgressBar value={percent(it.sent, it.size)} state={it.state} label={`upload of ${it.name}`} />
              {it.error && <div className="error">{describeError(it.error)}</div>}
              {it.result?.warning && <PrivateLink result={it.result} />}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
