import { randomBytes } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/** File in a peer's data directory holding its API token (mode 0600). */
export const TOKEN_FILE = 'api-token'

/**
 * The peer's API token: read from the data directory, or made (192 random bits) and stored on
 * first start. `created` tells the caller to print it.
 */
export async function loadOrCreateToken(dataDir: string): Promise<{ token: string; created: boolean; path: string }> {
  await mkdir(dataDir, { recursive: true })
  const path = join(dataDir, TOKEN_FILE)
  try {
    const token = (await readFile(path, 'utf8')).trim()
    if (token.length >= 16) return { token, created: false, path }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
  }
  const token = randomBytes(24).toString('base64url')
  // wx: never overwrite a token another process just wrote.
  await writeFile(path, `${token}\n`, { mode: 0o600, flag: 'wx' }).catch(async (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EEXIST') throw err
  })
  const stored = (await readFile(path, 'utf8')).trim()
  return { token: stored, created: stored === token, path }
}
