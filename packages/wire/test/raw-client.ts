/** A hand-driven client for refusal and fuzz tests: real handshake, then raw frames. */
import { once } from 'node:events'
import { createConnection, createServer, type Socket } from 'node:net'
import type { PeerIdentity } from '@netswarm/identity'
import {
  ClientHandshake,
  decodeMessage,
  encodeFrame,
  encodeMessage,
  FrameDecoder,
  FrameOpener,
  FrameSealer,
  MAX_FRAME_BYTES,
  MessageType,
  ServerHandshake,
  type WireMessage,
} from '../src/index.ts'

export interface RawSession {
  socket: Socket
  sealer: FrameSealer
  opener: FrameOpener
  /** Resolves when the server closes the socket. */
  closed: Promise<void>
}

/** Opens a TCP socket to 127.0.0.1:port. */
export async function rawSocket(port: number): Promise<Socket> {
  const socket = createConnection({ host: '127.0.0.1', port })
  socket.on('error', () => {})
  // Flowing mode, so the server's FIN is read and 'close' fires even when we ignore the data.
  socket.resume()
  await once(socket, 'connect')
  return socket
}

/** Resolves when `socket` closes. */
export function closedPromise(socket: Socket): Promise<void> {
  return socket.closed ? Promise.resolve() : new Promise((resolve) => socket.once('close', () => resolve()))
}

/** Completes a genuine handshake by hand and waits for READY. */
export async function rawHandshake(port: number, identity: PeerIdentity): Promise<RawSession> {
  const socket = await rawSocket(port)
  const closed = closedPromise(socket)
  const hs = new ClientHandshake({ identity })
  const decoder = new FrameDecoder(MAX_FRAME_BYTES)
  let opener: FrameOpener | undefined
  let sealer: FrameSealer | undefined
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      decoder.push(chunk, (payload) => {
        if (!opener) {
          for (const cmd of hs.advance(payload)) {
            if (cmd.type === 'send') socket.write(encodeFrame(cmd.payload))
            else {
              sealer = new FrameSealer(cmd.result.sendKey)
              opener = new FrameOpener(cmd.result.receiveKey)
              socket.write(
                Buffer.concat(
                  sealer.seal([encodeMessage({ type: MessageType.READY, id: 0, body: new Uint8Array(0) })]),
                ),
              )
            }
          }
          return
        }
        const msg = decodeMessage(opener.open(payload))
        if (msg.type === MessageType.READY) {
          socket.off('data', onData)
          resolve()
        }
      })
    }
    socket.on('data', onData)
    socket.once('close', () => reject(new Error('closed during handshake')))
  })
  for (const cmd of hs.start()) if (cmd.type === 'send') socket.write(encodeFrame(cmd.payload))
  await ready
  return { socket, sealer: sealer!, opener: opener!, closed }
}

/** Server side of {@link rawServer}: the socket plus every message decrypted so far. */
export interface RawServerSession extends RawSession {
  /** Called for each message after the handshake (the peer's READY included). */
  onMessage?: (message: WireMessage) => void
}

/** A hand-driven listener: completes the server handshake, then reports raw messages. */
export async function rawServer(
  identity: PeerIdentity,
  onSession: (session: RawServerSession) => void,
  /** Advertise FLAG_TRACE_CONTEXT, as a current peer does (default: as a peer that predates it). */
  options: { traceContext?: boolean } = {},
): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>()
  const server = createServer((socket) => {
    sockets.add(socket)
    socket.on('error', () => {})
    const hs = new ServerHandshake({ identity, traceContext: options.traceContext })
    const decoder = new FrameDecoder(MAX_FRAME_BYTES)
    let session: RawServerSession | undefined
    socket.on('data', (chunk: Buffer) => {
      decoder.push(chunk, (payload) => {
        if (session) {
          let m: WireMessage
          try {
            m = decodeMessage(session.opener.open(payload))
          } catch (e) {
            console.error('DEBUGFAIL len', payload.length, 'chunk', chunk.length)
            throw e
          }
          session.onMessage?.(m)
          return
        }
        for (const cmd of hs.advance(payload)) {
          if (cmd.type === 'send') {
            socket.write(encodeFrame(cmd.payload))
            continue
          }
          const sealer = new FrameSealer(cmd.result.sendKey)
          const opener = new FrameOpener(cmd.result.receiveKey)
          socket.write(
            Buffer.concat(sealer.seal([encodeMessage({ type: MessageType.READY, id: 0, body: new Uint8Array(0) })])),
          )
          session = { socket, sealer, opener, closed: closedPromise(socket) }
          onSession(session)
        }
      })
    })
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return {
    port: (server.address() as { port: number }).port,
    close: async () => {
      for (const s of sockets) s.destroy()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}
