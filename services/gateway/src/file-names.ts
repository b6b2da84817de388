/** Longest file name kept (bytes of UTF-8 would be stricter; characters are enough for headers). */
const MAX_NAME_CHARS = 200

/**
 * Makes a user-supplied file name safe for a header and for the disk: keeps only the last path
 * segment, drops control characters and characters that are special on common filesystems,
 * and refuses names made only of dots. Returns `fallback` when nothing usable remains.
 */
export function sanitizeFileName(name: string, fallback = 'download'): string {
  const lastSegment = name.split(/[/\\]/).pop() ?? ''
  const cleaned = lastSegment
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '') // bidi overrides can disguise an extension
    .trim()
    .slice(0, MAX_NAME_CHARS)
  if (cleaned === '' || /^\.+$/.test(cleaned)) return fallback
  return cleaned
}

/**
 * A `Content-Disposition` value (RFC 6266): an ASCII `filename` fallback plus `filename*` in
 * UTF-8 when the name is not plain ASCII.
 */
export function contentDisposition(name: string, type: 'inline' | 'attachment' = 'inline'): string {
  const safe = sanitizeFileName(name)
  // One `_` per code point (not per UTF-16 unit), so an emoji does not become two.
  const ascii = Array.from(safe, (ch) => (/^[\x20-\x7e]$/.test(ch) && !/["\\%]/.test(ch) ? ch : '_')).join('')
  if (ascii === safe) return `${type}; filename="${ascii}"`
  const encoded = encodeURIComponent(safe).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encoded}`
}
