// Shared through globalThis so a hook added by a `--import`ed module (telemetry) is seen by the
// service's own copy of this module, whichever path loaded it.
const HOOKS_KEY = Symbol.for('netswarm.shutdown-hooks')
type ShutdownHook = () => Promise<void>
const hooks: ShutdownHook[] = ((globalThis as Record<symbol, unknown>)[HOOKS_KEY] ??= []) as ShutdownHook[]

/**
 * Adds work to run after the service has stopped and before the process exits (e.g. flushing
 * traces). Hooks run in order; a failing hook is reported and does not stop the others.
 */
export function addShutdownHook(hook: ShutdownHook): void {
  hooks.push(hook)
}

async function runShutdownHooks(): Promise<void> {
  for (const hook of hooks) {
    await hook().catch((err) => process.stderr.write(`shutdown hook failed: ${String(err)}\n`))
  }
}

/** Runs `stop` once on SIGINT/SIGTERM, then the shutdown hooks, then exits. A second signal exits at once. */
export function onShutdownSignal(stop: (signal: NodeJS.Signals) => Promise<void>): void {
  let stopping = false
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(130)
    stopping = true
    stop(signal)
      .then(runShutdownHooks)
      .then(
        () => process.exit(0),
        (err) => {
          process.stderr.write(`shutdown failed: ${String(err)}\n`)
          process.exit(1)
        },
      )
  }
  process.on('SIGINT', handler)
  process.on('SIGTERM', handler)
}

/** Lifecycle of every service component. */
export interface Startable {
  start(): Promise<void>
  stop(): Promise<void>
}
