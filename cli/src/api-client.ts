import type { FileDetails, NodeStats, PeerView } from '@netswarm/gateway'
import { CliError, EXIT, exitCodeForStatus } from './exit-codes.ts'

/** Where and how the CLI talks to a gateway. */
export interface GatewayTarget {
  /** e.g. http://127.0.0.1:8080 */
  url: string
  token?: string
}

/** A listed file as `/api/v1/files` returns it. */
export interface ListedFile {
  cid: string
  name: string
  mediaType: string
  size: number
  chunks: number
  pinned: boolean
  link: string
}

/**
 * A thin client of the gateway's REST API (docs/api.md). Every failure becomes a CliError with
 * an exit code and a message that says what to do.
 */
export class ApiClient {
  readonly url: string
  constructor(private readonly target: GatewayTarget) {
    this.url = target.url.replace(/\/+$/, '')
  }

  /** Raw request; errors (including an unreachable gateway) become CliErrors. */
  async request(path: string, init: RequestInit & { auth?: boolean } = {}): Promise<Response> {
    const headers = new Headers(init.headers)
    if (init.auth && this.target.token) headers.set('authorization', `Bearer ${this.target.token}`)
    let res: Response
    try {
      res = await fetch(`${this.url}${path}`, { ...init, headers })
    } catch (err) {
      if ((err as Error).name === 'AbortError') throw err
      const c = (err as { cause?: { code?: string; message?: string; errors?: { code?: string }[] } }).cause
      const cause = c?.code ?? c?.errors?.[0]?.code ?? c?.message ?? (err as Error).message
      throw new CliError(
        `cannot reach the gateway at ${this.url} (${cause}); start a peer with \`netswarm node\` or pass --gateway URL`,
        EXIT.UNREACHABLE,
      )
    }
    if (!res.ok && res.status !== 206 && res.status !== 304) {
      let message = `${res.status} ${res.statusText}`
      try {
        const body = (await res.json()) as { error?: { message?: string } }
        if (body.error?.message) message = body.error.message
      } catch {
        // Not a JSON error body; keep the status line.
      }
      if (res.status === 401) message += ' (pass --token or set NETSWARM_TOKEN)'
      throw new CliError(message, exitCodeForStatus(res.status))
    }
    return res
  }

  async json<T>(path: string, init: RequestInit & { auth?: boolean } = {}): Promise<T> {
    return (await (await this.request(path, init)).json()) as T
  }

  listFiles(page: { limit: number; cursor?: string }) {
    const query = new URLSearchParams({ limit: String(page.limit) })
    if (page.cursor) query.set('cursor', page.cursor)
    return this.json<{ files: ListedFile[]; nextCursor?: string }>(`/api/v1/files?${query}`)
  }

  fileInfo(cid: string) {
    return this.json<FileDetails>(`/api/v1/files/${cid}`)
  }

  pin(cid: string) {
    return this.json<{ cid: string; pinned: boolean }>(`/api/v1/files/${cid}/pin`, { method: 'PUT', auth: true })
  }

  unpin(cid: string) {
    return this.json<{ cid: string; pinned: boolean }>(`/api/v1/files/${cid}/pin`, { method: 'DELETE', auth: true })
  }

  peers() {
    return this.json<{ self: string; peers: PeerView[] }>('/api/v1/peers')
  }

  stats() {
    return this.json<NodeStats>('/api/v1/stats')
  }

  async manifest(cid: string): Promise<Uint8Array> {
    return new Uint8Array(await (await this.request(`/api/v1/files/${cid}/manifest`)).arrayBuffer())
  }

  transfers() {
    return this.json<{ transfers: { cid: string; sources: number; state: string }[] }>('/api/v1/transfers')
  }
}
