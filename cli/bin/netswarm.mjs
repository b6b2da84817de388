#!/usr/bin/env node
// The `netswarm` command. NetSwarm runs its TypeScript directly (no build step): register tsx's
// loader in this process, then load the CLI, so signals reach it with no wrapper process between.
import { register } from 'tsx/esm/api'

register()
await import('../src/main.ts')
