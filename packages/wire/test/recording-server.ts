/** A raw listener for byte-level tests: it records what a real client sends and answers "ok". */
import { generateIdentity } from '@netswarm/identity'
import { connect, encodeMessage, MessageType, type WireMessage } from '../src/index.ts'
import { enc } from './helpers.ts'
import { type RawServerSession, rawServer } from './raw-client.ts'

/** A raw listener that records what a real client sends and answers every request with "ok". */
export async function recordingServer(t: { after(fn: () => Promise<void>): void }, traceContext: boolean) {
  const messages: { message: WireMessage; frameBytes: number }[] = []
  let lastBytesRead = 0
  const server = await rawServer(
    generateIdentity(),
    (s: RawServerSession) => {
      lastBytesRead = s.socket.bytesRead
      s.onMessage = (message) => {
        // Each request arrives alone (the client waits for the answer), so the growth of
        // bytesRead since the previous message is exactly this message's frame.
        const frameBytes = s.socket.bytesRead - lastBytesRead
        lastBytesRead = s.socket.bytesRead
        if (message.type === MessageType.READY) return
        messages.push({ message: { ...message, body: Buffer.from(message.body) }, frameBytes })
        const reply = encodeMessage({ type: MessageType.RESPONSE, id: message.id, body: enc('ok') })
        s.socket.write(Buffer.concat(s.sealer.seal([reply])))
      }
    },
    { traceContext },
  )
  t.after(() => server.close())
  const session = await connect({ identity: generateIdentity(), host: '127.0.0.1', port: server.port })
  t.after(() => session.close())
  return { session, messages }
}

/** Bytes of an encrypted REQUEST frame today: length prefix, header, body, tag. */
export const plainRequestFrame = (bodyBytes: number) => 4 + 5 + bodyBytes + 16
