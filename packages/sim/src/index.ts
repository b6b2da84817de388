export { CoordinateLatency, type CoordinateLatencyInit, type LatencyModel } from './latency.ts'
export { Rng, simSeed } from './rng.ts'
export { drainMicrotasks, SimClock, type SimTimer } from './sim-clock.ts'
export { type SimHandler, SimNetwork, type SimReply, SimTimeoutError } from './sim-network.ts'
