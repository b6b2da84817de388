/**
 * The HTML page of a folder at `/f/<cid>/path/`: breadcrumbs and a table of entries. Static
 * markup only (names are escaped; the page is served with a CSP that allows no script).
 */
import type { FolderListing } from '../folders.ts'

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch])
}

function formatSize(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB']
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${units[unit]}`
}

function formatMode(kind: string, mode: number): string {
  const bits = ['r', 'w', 'x']
  let text = kind === 'directory' ? 'd' : kind === 'symlink' ? 'l' : '-'
  for (let shift = 6; shift >= 0; shift -= 3) {
    for (let i = 0; i < 3; i++) text += (mode >> shift) & (4 >> i) ? bits[i] : '-'
  }
  return text
}

const STYLE = `body{font:14px system-ui,sans-serif;margin:2rem;color:#1c2430}
nav a{color:#2457c5}table{border-collapse:collapse;margin-top:1rem;min-width:40rem}
th,td{text-align:left;padding:.3rem .8rem;border-bottom:1px solid #e3e7ee}td.n{text-align:right;font-variant-numeric:tabular-nums}
code{color:#5b6472}`

/**
 * Renders a listing served at a URL ending in '/' (the route redirects there), so every link is
 * relative and the page works behind any path prefix (the console's proxy, a reverse proxy).
 */
export function renderFolderPage(listing: FolderListing): string {
  const segments = listing.path === '' ? [] : listing.path.split('/')
  const names = [listing.name || listing.cid, ...segments]
  const crumbs = names.map((name, i) => {
    const up = segments.length - i
    return `<a href="${up === 0 ? './' : '../'.repeat(up)}">${escapeHtml(name)}</a>`
  })
  const rows = listing.entries.map((entry) => {
    const date = new Date(entry.mtimeMs).toISOString().replace('T', ' ').slice(0, 19)
    const href = `./${encodeURIComponent(entry.name)}`
    let name: string
    if (entry.kind === 'symlink') name = `${escapeHtml(entry.name)} <code>→ ${escapeHtml(entry.target ?? '')}</code>`
    else if (entry.kind === 'directory') name = `<a href="${escapeHtml(href)}/">${escapeHtml(entry.name)}/</a>`
    else
      name = `<a href="${escapeHtml(href)}">${escapeHtml(entry.name)}</a> <a href="${escapeHtml(href)}?download">download</a>`
    return `<tr><td>${name}</td><td class="n">${formatSize(entry.size)}</td><td>${date}</td><td><code>${formatMode(entry.kind, entry.mode)}</code></td></tr>`
  })
  const more =
    listing.nextAfter === undefined
      ? ''
      : `<p><a href="?after=${encodeURIComponent(listing.nextAfter)}">more entries…</a></p>`
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(names.join('/'))}</title>
<style>${STYLE}</style></head><body>
<nav>${crumbs.join(' / ')}</nav>
<p><code>${escapeHtml(listing.folderCid)}</code> · ${formatSize(listing.size)}</p>
<table><thead><tr><th>Name</th><th>Size</th><th>Modified (UTC)</th><th>Mode</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>${more}
</body></html>
`
}
