/**
 * Pure, synchronous handshake state machines (docs/protocol.md#handshake). No sockets, no timers:
 * the shell feeds received handshake payloads to `advance()` and executes the returned commands.
 *
 *   client → server  CLIENT_HELLO  ephemeral key
 *   server → client  SERVER_HELLO  ephemeral key, static Ed25519 key, signature over the transcript
 *   client → server  CLIENT_AUTH   static Ed25519 key, signature over the transcript
 *   both directions  READY         first encrypted frame each way: key confirmation
 */
import { PeerId, type PeerIdentity, verifySignature } from '@netswarm/identity'
import { HandshakeError, WireFormatError } from './errors.ts'
import {
  CLIENT_AUTH_SIGNED_BYTES,
  decodeClientAuth,
  decodeClientHello,
  decodeServerHello,
  encodeClientAuth,
  encodeClientHello,
  encodeServerHello,
  FLAG_SWARM_KEY,
  PROTOCOL_VERSION,
  SERVER_HELLO_SIGNED_BYTES,
} from './handshake-messages.ts'
import {
  CLIENT_SIGN_LABEL,
  deriveSessionKeys,
  type EphemeralKeyPair,
  generateEphemeral,
  SERVER_SIGN_LABEL,
  sharedSecret,
  transcriptHash,
} from './keys.ts'

/** What a completed handshake yields: who the peer is and the keys for each direction. */
export interface HandshakeResult {
  remotePublicKey: Uint8Array
  remotePeerId: PeerId
  /** Key sealing frames we send. */
  sendKey: Buffer
  /** Key opening frames we receive. */
  receiveKey: Buffer
  /** SHA-256 of the three handshake messages (unique per session). */
  transcript: Buffer
}

export type HandshakeCommand = { type: 'send'; payload: Buffer } | { type: 'established'; result: HandshakeResult }

/** Options shared by both roles. */
export interface HandshakeInit {
  identity: PeerIdentity
  /** Private-swarm secret mixed into the key schedule (reserved; empty = public swarm). */
  swarmKey?: Uint8Array
  /** Ephemeral key pair; injected only by golden tests. */
  ephemeral?: EphemeralKeyPair
}

const ZERO_SIGNATURE = new Uint8Array(64)

function flagsFor(init: HandshakeInit): number {
  return init.swarmKey && init.swarmKey.length > 0 ? FLAG_SWARM_KEY : 0
}

function checkVersion(version: number): void {
  if (version !== PROTOCOL_VERSION) {
    throw new HandshakeError(`peer speaks wire protocol version ${version}; this peer speaks ${PROTOCOL_VERSION}`)
  }
}

function checkFlags(theirs: number, ours: number): void {
  if ((theirs & FLAG_SWARM_KEY) !== (ours & FLAG_SWARM_KEY)) {
    throw new HandshakeError('peer is in a different swarm (swarm key presence differs)')
  }
}

/** Client (dialer) side. */
export class ClientHandshake {
  private state: 'initial' | 'sent-hello' | 'done' = 'initial'
  private readonly ephemeral: EphemeralKeyPair
  private hello: Buffer | undefined

  constructor(
    private readonly init: HandshakeInit & {
      /** Refuse the server unless it proves this identity. */
      expectedPeerId?: PeerId
    },
  ) {
    this.ephemeral = init.ephemeral ?? generateEphemeral()
  }

  /** First command: send CLIENT_HELLO. */
  start(): HandshakeCommand[] {
    if (this.state !== 'initial') throw new HandshakeError('handshake already started')
    this.hello = encodeClientHello({
      version: PROTOCOL_VERSION,
      flags: flagsFor(this.init),
      ephemeralKey: this.ephemeral.publicKey,
    })
    this.state = 'sent-hello'
    return [{ type: 'send', payload: this.hello }]
  }

  /** Feeds SERVER_HELLO; returns CLIENT_AUTH to send and the session keys. */
  advance(payload: Uint8Array): HandshakeCommand[] {
    if (this.state !== 'sent-hello' || !this.hello)
      throw new HandshakeError(`unexpected handshake message in state ${this.state}`)
    const msg2 = Buffer.from(payload)
    const hello = decodeServerHello(msg2)
    checkVersion(hello.version)
    checkFlags(hello.flags, flagsFor(this.init))
    const remotePeerId = PeerId.fromPublicKey(hello.staticKey)
    if (this.init.expectedPeerId && !remotePeerId.equals(this.init.expectedPeerId)) {
      throw new HandshakeError(`dialed ${this.init.expectedPeerId} but the listener is ${remotePeerId}`, {
        wireCode: 'PEER_ID_MISMATCH',
      })
    }
    const signed = transcriptHash(SERVER_SIGN_LABEL, this.hello, msg2.subarray(0, SERVER_HELLO_SIGNED_BYTES))
    if (!verifySignature(hello.staticKey, signed, hello.signature)) {
      throw new HandshakeError(`server cannot sign for peer ${remotePeerId}: bad SERVER_HELLO signature`)
    }
    const dh = sharedSecret(this.ephemeral, hello.ephemeralKey)
    const unsigned = encodeClientAuth({
      version: PROTOCOL_VERSION,
      flags: flagsFor(this.init),
      staticKey: this.init.identity.publicKey,
      signature: ZERO_SIGNATURE,
    })
    const signature = this.init.identity.sign(
      transcriptHash(CLIENT_SIGN_LABEL, this.hello, msg2, unsigned.subarray(0, CLIENT_AUTH_SIGNED_BYTES)),
    )
    const msg3 = Buffer.from(unsigned)
    msg3.set(signature, CLIENT_AUTH_SIGNED_BYTES)
    const transcript = transcriptHash('', this.hello, msg2, msg3)
    const keys = deriveSessionKeys(dh, transcript, this.init.swarmKey)
    this.state = 'done'
    return [
      { type: 'send', payload: msg3 },
      {
        type: 'established',
        result: {
          remotePublicKey: hello.staticKey,
          remotePeerId,
          sendKey: keys.clientToServer,
          receiveKey: keys.serverToClient,
          transcript,
        },
      },
    ]
  }
}

/** Server (listener) side. */
export class ServerHandshake {
  private state: 'wait-hello' | 'wait-auth' | 'done' = 'wait-hello'
  private readonly ephemeral: EphemeralKeyPair
  private msg1: Buffer | undefined
  private msg2: Buffer | undefined
  private dh: Buffer | undefined

  constructor(private readonly init: HandshakeInit) {
    this.ephemeral = init.ephemeral ?? generateEphemeral()
  }

  /** Feeds CLIENT_HELLO, then CLIENT_AUTH. */
  advance(payload: Uint8Array): HandshakeCommand[] {
    if (this.state === 'wait-hello') return this.onHello(Buffer.from(payload))
    if (this.state === 'wait-auth') return this.onAuth(Buffer.from(payload))
    throw new HandshakeError('handshake message after the handshake completed')
  }

  private onHello(msg1: Buffer): HandshakeCommand[] {
    const hello = decodeClientHello(msg1)
    checkVersion(hello.version)
    checkFlags(hello.flags, flagsFor(this.init))
    this.dh = sharedSecret(this.ephemeral, hello.ephemeralKey)
    const msg2 = encodeServerHello({
      version: PROTOCOL_VERSION,
      flags: flagsFor(this.init),
      ephemeralKey: this.ephemeral.publicKey,
      staticKey: this.init.identity.publicKey,
      signature: ZERO_SIGNATURE,
    })
    msg2.set(
      this.init.identity.sign(transcriptHash(SERVER_SIGN_LABEL, msg1, msg2.subarray(0, SERVER_HELLO_SIGNED_BYTES))),
      SERVER_HELLO_SIGNED_BYTES,
    )
    this.msg1 = msg1
    this.msg2 = msg2
    this.state = 'wait-auth'
    return [{ type: 'send', payload: msg2 }]
  }

  private onAuth(msg3: Buffer): HandshakeCommand[] {
    if (!this.msg1 || !this.msg2 || !this.dh) throw new WireFormatError('handshake state lost', 0)
    const auth = decodeClientAuth(msg3)
    checkVersion(auth.version)
    checkFlags(auth.flags, flagsFor(this.init))
    const remotePeerId = PeerId.fromPublicKey(auth.staticKey)
    const signed = transcriptHash(CLIENT_SIGN_LABEL, this.msg1, this.msg2, msg3.subarray(0, CLIENT_AUTH_SIGNED_BYTES))
    if (!verifySignature(auth.staticKey, signed, auth.signature)) {
      throw new HandshakeError(`client cannot sign for peer ${remotePeerId}: bad CLIENT_AUTH signature`)
    }
    const transcript = transcriptHash('', this.msg1, this.msg2, msg3)
    const keys = deriveSessionKeys(this.dh, transcript, this.init.swarmKey)
    this.state = 'done'
    return [
      {
        type: 'established',
        result: {
          remotePublicKey: auth.staticKey,
          remotePeerId,
          sendKey: keys.serverToClient,
          receiveKey: keys.clientToServer,
          transcript,
        },
      },
    ]
  }
}
