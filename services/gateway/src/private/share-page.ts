/**
 * The page behind `<gateway>/s/<cid>#k=<key>`: it reads the key from the URL fragment (never sent
 * to any server), fetches the carrier from `/f/<cid>` with Range requests and decrypts it with
 * WebCrypto (HKDF-SHA256, AES-256-GCM), following docs/crypto.md exactly. The plaintext is
 * assembled in the browser and offered as a download; the key and plaintext never leave the tab.
 * `OPEN_CARRIER_SOURCE` is plain browser JavaScript, kept free of DOM use so tests can run it
 * against node's WebCrypto too.
 */

/** `openCarrier(readRange, total, keyBytes, onProgress)` → {name, mediaType, size, parts}. */
export const OPEN_CARRIER_SOURCE = `
async function openCarrier(readRange, total, keyBytes, onProgress) {
  const subtle = globalThis.crypto.subtle
  const MAGIC = [0x4e, 0x53, 0x50, 0x52, 0x49, 0x56, 0x00, 0x01]
  const PREFIX = 44, TAG = 16, HEADER = 2048 + 16
  const enc = new TextEncoder()
  const fail = (code, message) => Object.assign(new Error(message), { code })
  const prefix = await readRange(0, PREFIX)
  if (prefix.length !== PREFIX || MAGIC.some((b, i) => prefix[i] !== b)) throw fail('FORMAT', 'this is not a NetSwarm private file')
  const fileId = prefix.slice(8, 40)
  const segment = new DataView(prefix.buffer, prefix.byteOffset).getUint32(40)
  const body = total - PREFIX - HEADER
  const count = Math.ceil(body / (segment + TAG))
  const padded = body - count * TAG
  if (body <= 0 || padded <= (count - 1) * segment) throw fail('INTEGRITY', 'the private file is truncated')
  const base = await subtle.importKey('raw', keyBytes, 'HKDF', false, ['deriveKey'])
  const key = await subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: fileId, info: enc.encode('netswarm-private-v1 aes-256-gcm') },
    base, { name: 'AES-GCM', length: 256 }, false, ['decrypt'])
  const label = enc.encode('netswarm-private-v1')
  const params = (kind, index) => {
    const iv = new Uint8Array(12)
    iv[0] = kind
    new DataView(iv.buffer).setBigUint64(4, BigInt(index))
    const aad = new Uint8Array(label.length + PREFIX + 9)
    aad.set(label, 0)
    aad.set(prefix, label.length)
    aad[label.length + PREFIX] = kind
    new DataView(aad.buffer).setBigUint64(label.length + PREFIX + 1, BigInt(index))
    return { name: 'AES-GCM', iv, additionalData: aad, tagLength: 128 }
  }
  let header
  try {
    header = new Uint8Array(await subtle.decrypt(params(3, 0), key, await readRange(PREFIX + body, HEADER)))
  } catch {
    throw fail('KEY', 'this key does not open the private file (wrong key, or its header was altered)')
  }
  const view = new DataView(header.buffer)
  const size = Number(view.getBigUint64(1))
  if (Number(view.getBigUint64(9)) !== padded) throw fail('INTEGRITY', 'the private file does not match its header')
  const nameLength = view.getUint16(17)
  const dec = new TextDecoder()
  const name = dec.decode(header.subarray(19, 19 + nameLength))
  const mediaLength = view.getUint16(19 + nameLength)
  const mediaType = dec.decode(header.subarray(21 + nameLength, 21 + nameLength + mediaLength))
  const parts = []
  let emitted = 0
  const all = await readRange(PREFIX, body)
  for (let i = 0, at = 0; i < count; i++) {
    const last = i === count - 1
    const length = (last ? padded - (count - 1) * segment : segment) + TAG
    let plain
    try {
      plain = new Uint8Array(await subtle.decrypt(params(last ? 2 : 1, i), key, all.subarray(at, at + length)))
    } catch {
      throw fail('INTEGRITY', 'segment ' + i + ' failed authentication (tampered, reordered or taken from another file)')
    }
    at += length
    const keep = Math.min(plain.length, size - emitted)
    if (keep > 0) parts.push(plain.subarray(0, keep))
    emitted += Math.max(0, keep)
    if (onProgress) onProgress(i + 1, count)
  }
  return { name, mediaType, size, parts }
}
`

const PAGE_SCRIPT = `${OPEN_CARRIER_SOURCE}
(async () => {
  const status = document.getElementById('status')
  const say = (text) => { status.textContent = text }
  const cid = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop() || '')
  const fragment = location.hash.slice(1)
  const keyText = fragment.startsWith('k=') ? fragment.slice(2) : fragment
  if (!/^[A-Za-z0-9_-]{43}$/.test(keyText)) { say('This link has no read key (expected #k=<key>).'); return }
  const keyBytes = Uint8Array.from(atob(keyText.replace(/-/g, '+').replace(/_/g, '/') + '='), (c) => c.charCodeAt(0))
  const readRange = async (offset, length) => {
    const res = await fetch('/f/' + cid, { headers: { range: 'bytes=' + offset + '-' + (offset + length - 1) } })
    if (res.status !== 206) throw new Error('the gateway answered ' + res.status)
    return new Uint8Array(await res.arrayBuffer())
  }
  try {
    say('Fetching…')
    const head = await fetch('/f/' + cid, { method: 'HEAD' })
    if (!head.ok) throw new Error('the gateway answered ' + head.status)
    const total = Number(head.headers.get('content-length'))
    const file = await openCarrier(readRange, total, keyBytes, (done, count) => say('Decrypting ' + done + ' / ' + count))
    const url = URL.createObjectURL(new Blob(file.parts, { type: file.mediaType }))
    const link = document.getElementById('download')
    link.href = url
    link.download = file.name || 'private'
    link.textContent = 'Save ' + (file.name || 'file') + ' (' + file.size + ' bytes)'
    link.hidden = false
    say('Decrypted in this browser: the key never left it.')
    document.body.dataset.state = 'done'
  } catch (err) {
    say(err.message)
    document.body.dataset.state = 'failed'
  }
})()
`

const PAGE_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="referrer" content="no-referrer">
<title>NetSwarm private file</title>
<style>body{font:16px system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem}a{font-weight:600}</style>
</head><body data-state="working"><h1>Private file</h1>
<p id="status">Loading…</p><p><a id="download" hidden>Save</a></p>
<script src="/s-assets/open.js"></script></body></html>
`

/** The page's HTML (`GET /s/<cid>`) and script (`GET /s-assets/open.js`). */
export const sharePage = { html: PAGE_HTML, script: PAGE_SCRIPT }
