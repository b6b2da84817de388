import type { ChildProcess } from 'node:child_process'

/** The web/ folder. */
export declare const WEB_DIR: string
/** True when `.next` holds a production build newer than every source file. */
export declare function buildIsFresh(): boolean
/** Runs `next build` unless the last build is fresh; resolves true when it built. */
export declare function ensureBuild(options?: { log?: (line: string) => void }): Promise<boolean>
/** A free TCP port on `host`. */
export declare function freePort(host?: string): Promise<number>
/** A running console server. */
export interface RunningConsole {
  url: string
  process: ChildProcess
  stop(): Promise<void>
}
/** Starts `next start` serving `gateways`; resolves once Next is ready. */
export declare function startConsole(options: {
  gateways: string[]
  host?: string
  port?: number
  env?: Record<string, string>
}): Promise<RunningConsole>
