export { Bitfield } from './bitfield.ts'
export { ENDGAME_MAX_REQUESTS_PER_CHUNK, pickEndgameChunk } from './endgame.ts'
export {
  type DropReason,
  type FetchCommand,
  type FetchEvent,
  FetchSession,
  type FetchSessionInit,
  type PeerView,
  type RequestFailure,
} from './fetch-session.ts'
export { Ewma, PeerStats } from './peer-stats.ts'
export { PiecePicker, STREAMING_WINDOW_CHUNKS } from './piece-picker.ts'
export {
  INITIAL_PIPELINE_DEPTH,
  MAX_PIPELINE_DEPTH,
  MIN_PIPELINE_DEPTH,
  pipelineDepth,
  requestTimeoutMs,
} from './pipeline.ts'
export { createRng, type Rng } from './rng.ts'
