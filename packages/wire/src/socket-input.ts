/**
 * Feeds a TCP socket's bytes into a {@link FrameReader} (docs/protocol.md#performance-notes).
 * Dialed sockets use node's public `onread` option: the kernel reads straight into the reader's
 * buffer. node offers no `onread` for accepted sockets, so {@link SocketInput.attach} switches an
 * accepted socket to the same mechanism through node's internal per-socket slots, found by
 * probing; where they are missing (another node version) it falls back to `'data'` events plus one copy.
 */
import { type OnReadOpts, Socket, type SocketConstructorOpts } from 'node:net'
import { FrameReader } from './frame-reader.ts'

type SlotKey = 'kBuffer' | 'kBufferCb' | 'kBufferGen'
type Slots = Record<SlotKey, symbol>

/** node's private slots behind `onread` (lib/internal/stream_base_commons.js), if this node has them. */
const slots: Slots | undefined = findSlots()

function findSlots(): Slots | undefined {
  try {
    // @types/node lacks `onread` on the constructor options; node has accepted it since v12.
    const onread: OnReadOpts = { buffer: () => Buffer.alloc(1), callback: () => true }
    const probe = new Socket({ onread } as SocketConstructorOpts)
    const found: Partial<Slots> = {}
    for (const sym of Object.getOwnPropertySymbols(probe)) {
      const name = sym.description
      if (name === 'kBuffer' || name === 'kBufferCb' || name === 'kBufferGen') found[name] = sym
    }
    probe.destroy()
    return found.kBuffer && found.kBufferCb && found.kBufferGen ? (found as Slots) : undefined
  } catch {
    return undefined
  }
}

/**
 * Owns the frame reader of one connection. Create it before the socket (dialing passes
 * {@link onread} to `net.connect`), then {@link attach} the socket and set {@link onFrame}.
 */
export class SocketInput {
  readonly reader: FrameReader
  /** Called for each complete frame; the payload is valid only during the call. */
  onFrame: (payload: Uint8Array) => void = () => {}
  /** Called when `onFrame` or the framing throws; no frame is delivered afterwards. */
  onError: (err: Error) => void = () => {}
  /** `'onread'`: the kernel reads into the reader; `'data'`: stream events plus one copy. */
  mode: 'onread' | 'data' | 'detached' = 'detached'
  private failed = false
  private readonly deliver = (payload: Uint8Array) => this.onFrame(payload)

  /** Pass as `onread` to `net.connect()`/`createConnection()`. */
  readonly onread = {
    buffer: (): Uint8Array => this.reader.readBuffer(),
    // Returning true keeps reading; pausing is the connection's job (socket.pause()).
    callback: (nread: number): boolean => {
      this.consume(() => this.reader.commit(nread, this.deliver))
      return true
    },
  } satisfies OnReadOpts

  constructor(maxFrameBytes: number) {
    this.reader = new FrameReader(maxFrameBytes)
  }

  /**
   * Starts delivering `socket`'s bytes. A socket created with {@link onread} is already wired;
   * an accepted one is switched to direct reads when node allows it, else read through `'data'`.
   * Call synchronously in the `'connection'` handler, before any read completes.
   */
  attach(socket: Socket, dialedWithOnread: boolean): void {
    if (dialedWithOnread || adopt(socket, this.onread)) {
      this.mode = 'onread'
      return
    }
    this.mode = 'data'
    socket.on('data', (chunk: Buffer) => this.consume(() => this.reader.push(chunk, this.deliver)))
  }

  private consume(run: () => void): void {
    if (this.failed) return
    try {
      run()
    } catch (err) {
      this.failed = true
      this.onError(err as Error)
    }
  }
}

/** Switches an accepted socket to `onread`-style reads; false when this node does not allow it. */
function adopt(socket: Socket, onread: SocketInput['onread']): boolean {
  const handle = (socket as unknown as { _handle?: { useUserBuffer?: (buf: Uint8Array) => void } })._handle
  if (!slots || typeof handle?.useUserBuffer !== 'function') return false
  const record = socket as unknown as Record<symbol, unknown>
  const first = onread.buffer()
  record[slots.kBuffer] = first
  record[slots.kBufferCb] = onread.callback
  record[slots.kBufferGen] = onread.buffer
  handle.useUserBuffer(first)
  return true
}
