/** Media types guessed from a file name's extension (used when adding files and folders). */
import { extname } from 'node:path'
import { DEFAULT_MEDIA_TYPE } from './manifest.ts'

const MEDIA_TYPES: Record<string, string> = {
  '.txt': 'text/plain',
  '.md': 'text/markdown',
  '.html': 'text/html',
  '.css': 'text/css',
  '.csv': 'text/csv',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.pdf': 'application/pdf',
  '.zip': 'application/zip',
  '.gz': 'application/gzip',
  '.tar': 'application/x-tar',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.mkv': 'video/x-matroska',
  '.iso': 'application/x-iso9660-image',
}

/** The media type for a file name; application/octet-stream when the extension is unknown. */
export function mediaTypeFor(name: string): string {
  return MEDIA_TYPES[extname(name).toLowerCase()] ?? DEFAULT_MEDIA_TYPE
}
