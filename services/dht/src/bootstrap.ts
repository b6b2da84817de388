import { lookup } from 'node:dns/promises'
import { isIP } from 'node:net'
import { splitHostPort } from './network.ts'

/**
 * Expands bootstrap entries: an IP entry stays as is; a DNS name becomes one entry per address it
 * resolves to (a Kubernetes headless service resolves to every ready peer pod). Names that do not
 * resolve (yet) are skipped: the caller retries.
 */
export async function resolveBootstrap(entries: string[]): Promise<string[]> {
  const out = new Set<string>()
  await Promise.all(
    entries.map(async (entry) => {
      const { host, port } = splitHostPort(entry)
      if (isIP(host)) {
        out.add(entry)
        return
      }
      try {
        for (const a of await lookup(host, { all: true }))
          out.add(a.family === 6 ? `[${a.address}]:${port}` : `${a.address}:${port}`)
      } catch {
        // Not resolvable now (pods not up yet): retried later.
      }
    }),
  )
  return [...out]
}
