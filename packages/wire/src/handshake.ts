/**
 * Pure, synchronous handshake state machines (docs/protocol.md#handshake). No sockets, no timers:
 * the shell feeds received handshake payloads to `advance()` and executes the returned commands.
 *
 *   client → server  CLIENT_HELLO  ephemeral key (+ proof of the swarm secret in a private swarm)
 *   server → client  SERVER_HELLO  ephemeral key, static Ed25519 key, signature over the transcript
 *                    (key and signature sealed under the swarm secret in a private swarm)
 *                 or REFUSE        the dialer is not in this swarm (no identity revealed)
 *   client → server  CLIENT_AUTH   static Ed25519 key, signature over the transcript (sealed likewise)
 *   both directions  READY         first encrypted frame each way: key confirmation
 */
import { PeerId, type PeerIdentity, verifySignature } from '@netswarm/identity'
import { HandshakeError, WireFormatError } from './errors.ts'
import {
  CLIENT_AUTH_PRIVATE_BYTES,
  CLIENT_AUTH_SEALED_FROM,
  CLIENT_AUTH_SIGNED_BYTES,
  CLIENT_HELLO_BYTES,
  CLIENT_HELLO_PRIVATE_BYTES,
  checkHandshakeLength,
  decodeClientAuth,
  decodeClientHello,
  decodeRefuse,
  decodeServerHello,
  encodeClientAuth,
  encodeClientHello,
  encodeRefuse,
  encodeServerHello,
  FLAG_SWARM_KEY,
  FLAG_TRACE_CONTEXT,
  HandshakeKind,
  PROTOCOL_VERSION,
  RefuseReason,
  readHandshakePreamble,
  SERVER_HELLO_PRIVATE_BYTES,
  SERVER_HELLO_SEALED_FROM,
  SERVER_HELLO_SIGNED_BYTES,
} from './handshake-messages.ts'
import {
  CLIENT_SIGN_LABEL,
  deriveHandshakeSealKeys,
  deriveSessionKeys,
  type EphemeralKeyPair,
  generateEphemeral,
  type HandshakeSealKeys,
  openHandshakePart,
  SERVER_SIGN_LABEL,
  sealHandshakePart,
  sharedSecret,
  swarmProof,
  swarmProofMatches,
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
  /** The peer set FLAG_TRACE_CONTEXT: it accepts REQUEST_TRACED. */
  remoteTraceContext: boolean
}

export type HandshakeCommand = { type: 'send'; payload: Buffer } | { type: 'established'; result: HandshakeResult }

/** Options shared by both roles. */
export interface HandshakeInit {
  identity: PeerIdentity
  /** Private-swarm secret (32 bytes; docs/protocol.md#private-swarms). Absent or empty = public swarm. */
  swarmKey?: Uint8Array
  /** Advertise FLAG_TRACE_CONTEXT (this side accepts REQUEST_TRACED). */
  traceContext?: boolean
  /** Ephemeral key pair; injected only by golden tests. */
  ephemeral?: EphemeralKeyPair
}

const ZERO_SIGNATURE = new Uint8Array(64)

/** The swarm secret, or undefined in the public swarm. */
function secretOf(init: HandshakeInit): Uint8Array | undefined {
  return init.swarmKey && init.swarmKey.length > 0 ? init.swarmKey : undefined
}

function flagsFor(init: HandshakeInit): number {
  return (secretOf(init) ? FLAG_SWARM_KEY : 0) | (init.traceContext ? FLAG_TRACE_CONTEXT : 0)
}

function checkVersion(version: number): void {
  if (version !== PROTOCOL_VERSION) {
    throw new HandshakeError(`peer speaks wire protocol version ${version}; this peer speaks ${PROTOCOL_VERSION}`)
  }
}

function checkKind(kind: number, expected: number): void {
  if (kind !== expected) throw new WireFormatError(`expected handshake message ${expected}, got ${kind}`, 5)
}

function checkFlags(theirs: number, ours: number): void {
  if ((theirs & FLAG_SWARM_KEY) !== (ours & FLAG_SWARM_KEY)) {
    throw new HandshakeError('peer is in a different swarm (swarm key presence differs)', {
      wireCode: 'SWARM_KEY_MISMATCH',
    })
  }
}

/** The dialer's error for a listener's REFUSE. */
function refusedError(reason: number): HandshakeError {
  const wireCode = 'SWARM_KEY_MISMATCH'
  switch (reason) {
    case RefuseReason.SWARM_KEY_REQUIRED:
      return new HandshakeError(
        'the listener is in a private swarm and this peer holds no swarm secret (set NETSWARM_SWARM_KEY_FILE)',
        { wireCode },
      )
    case RefuseReason.SWARM_KEY_MISMATCH:
      return new HandshakeError(
        "the listener refused this peer's swarm secret: the two are members of different private swarms",
        { wireCode },
      )
    case RefuseReason.PUBLIC_SWARM:
      return new HandshakeError("the listener is in the public swarm but this peer holds a private swarm's secret", {
        wireCode,
      })
    default:
      return new HandshakeError(`the listener refused the handshake (reason ${reason})`)
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
    const hello = encodeClientHello({
      version: PROTOCOL_VERSION,
      flags: flagsFor(this.init),
      ephemeralKey: this.ephemeral.publicKey,
    })
    const secret = secretOf(this.init)
    this.hello = secret ? Buffer.concat([hello, swarmProof(secret, hello)]) : hello
    this.state = 'sent-hello'
    return [{ type: 'send', payload: this.hello }]
  }

  /** Feeds SERVER_HELLO (or REFUSE); returns CLIENT_AUTH to send and the session keys. */
  advance(payload: Uint8Array): HandshakeCommand[] {
    if (this.state !== 'sent-hello' || !this.hello)
      throw new HandshakeError(`unexpected handshake message in state ${this.state}`)
    const msg2 = Buffer.from(payload)
    const preamble = readHandshakePreamble(msg2)
    if (preamble.kind === HandshakeKind.REFUSE) {
      this.state = 'done'
      throw refusedError(decodeRefuse(msg2).reason)
    }
    checkKind(preamble.kind, HandshakeKind.SERVER_HELLO)
    checkVersion(preamble.version)
    checkFlags(preamble.flags, flagsFor(this.init))
    const secret = secretOf(this.init)
    // `serverPlain` is SERVER_HELLO as signed: the message itself, or its opened private form.
    let serverPlain: Buffer = msg2
    let seal: HandshakeSealKeys | undefined
    let dh: Buffer
    if (secret) {
      checkHandshakeLength(msg2, preamble.kind, SERVER_HELLO_PRIVATE_BYTES)
      dh = sharedSecret(this.ephemeral, msg2.subarray(8, SERVER_HELLO_SEALED_FROM))
      seal = deriveHandshakeSealKeys(dh, secret, this.hello)
      const opened = openHandshakePart(seal.serverHello, msg2, SERVER_HELLO_SEALED_FROM)
      if (!opened) {
        throw new HandshakeError("the listener's SERVER_HELLO does not open under this swarm's secret", {
          wireCode: 'SWARM_KEY_MISMATCH',
        })
      }
      serverPlain = opened
    }
    const hello = decodeServerHello(serverPlain)
    dh ??= sharedSecret(this.ephemeral, hello.ephemeralKey)
    const remotePeerId = PeerId.fromPublicKey(hello.staticKey)
    if (this.init.expectedPeerId && !remotePeerId.equals(this.init.expectedPeerId)) {
      throw new HandshakeError(`dialed ${this.init.expectedPeerId} but the listener is ${remotePeerId}`, {
        wireCode: 'PEER_ID_MISMATCH',
      })
    }
    const signedServer = serverPlain.subarray(0, SERVER_HELLO_SIGNED_BYTES)
    if (
      !verifySignature(hello.staticKey, transcriptHash(SERVER_SIGN_LABEL, this.hello, signedServer), hello.signature)
    ) {
      throw new HandshakeError(`server cannot sign for peer ${remotePeerId}: bad SERVER_HELLO signature`)
    }
    const auth = encodeClientAuth({
      version: PROTOCOL_VERSION,
      flags: flagsFor(this.init),
      staticKey: this.init.identity.publicKey,
      signature: ZERO_SIGNATURE,
    })
    const signature = this.init.identity.sign(
      transcriptHash(CLIENT_SIGN_LABEL, this.hello, msg2, auth.subarray(0, CLIENT_AUTH_SIGNED_BYTES)),
    )
    auth.set(signature, CLIENT_AUTH_SIGNED_BYTES)
    const msg3 = seal ? sealHandshakePart(seal.clientAuth, auth, CLIENT_AUTH_SEALED_FROM) : auth
    const transcript = transcriptHash('', this.hello, msg2, msg3)
    const keys = deriveSessionKeys(dh, transcript, secret)
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
          remoteTraceContext: (preamble.flags & FLAG_TRACE_CONTEXT) !== 0,
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
  private seal: HandshakeSealKeys | undefined
  private remoteTraceContext = false

  constructor(private readonly init: HandshakeInit) {
    this.ephemeral = init.ephemeral ?? generateEphemeral()
  }

  /** Feeds CLIENT_HELLO, then CLIENT_AUTH. */
  advance(payload: Uint8Array): HandshakeCommand[] {
    if (this.state === 'wait-hello') return this.onHello(Buffer.from(payload))
    if (this.state === 'wait-auth') return this.onAuth(Buffer.from(payload))
    throw new HandshakeError('handshake message after the handshake completed')
  }

  /**
   * Fails on a dialer from another swarm; the error's `reply` is the REFUSE the shell sends
   * before closing: no key, no identity, nothing else.
   */
  private refuse(reason: RefuseReason, message: string): never {
    this.state = 'done'
    throw new HandshakeError(message, {
      wireCode: 'SWARM_KEY_MISMATCH',
      reply: encodeRefuse(flagsFor(this.init) & FLAG_SWARM_KEY, reason),
    })
  }

  private onHello(msg1: Buffer): HandshakeCommand[] {
    const preamble = readHandshakePreamble(msg1)
    checkKind(preamble.kind, HandshakeKind.CLIENT_HELLO)
    checkVersion(preamble.version)
    const secret = secretOf(this.init)
    const theirsPrivate = (preamble.flags & FLAG_SWARM_KEY) !== 0
    if (secret && !theirsPrivate) {
      this.refuse(RefuseReason.SWARM_KEY_REQUIRED, "peer does not hold this swarm's secret (it offered none)")
    }
    if (!secret && theirsPrivate) {
      this.refuse(
        RefuseReason.PUBLIC_SWARM,
        "peer dialed with a private swarm's secret, but this peer is in the public swarm",
      )
    }
    checkHandshakeLength(msg1, preamble.kind, secret ? CLIENT_HELLO_PRIVATE_BYTES : CLIENT_HELLO_BYTES)
    const prefix = msg1.subarray(0, CLIENT_HELLO_BYTES)
    if (secret && !swarmProofMatches(secret, prefix, msg1.subarray(CLIENT_HELLO_BYTES))) {
      this.refuse(RefuseReason.SWARM_KEY_MISMATCH, "peer does not hold this swarm's secret (its proof does not verify)")
    }
    const hello = decodeClientHello(prefix)
    this.remoteTraceContext = (preamble.flags & FLAG_TRACE_CONTEXT) !== 0
    this.dh = sharedSecret(this.ephemeral, hello.ephemeralKey)
    const plain = encodeServerHello({
      version: PROTOCOL_VERSION,
      flags: flagsFor(this.init),
      ephemeralKey: this.ephemeral.publicKey,
      staticKey: this.init.identity.publicKey,
      signature: ZERO_SIGNATURE,
    })
    plain.set(
      this.init.identity.sign(transcriptHash(SERVER_SIGN_LABEL, msg1, plain.subarray(0, SERVER_HELLO_SIGNED_BYTES))),
      SERVER_HELLO_SIGNED_BYTES,
    )
    if (secret) this.seal = deriveHandshakeSealKeys(this.dh, secret, msg1)
    const msg2 = this.seal ? sealHandshakePart(this.seal.serverHello, plain, SERVER_HELLO_SEALED_FROM) : plain
    this.msg1 = msg1
    this.msg2 = msg2
    this.state = 'wait-auth'
    return [{ type: 'send', payload: msg2 }]
  }

  private onAuth(msg3: Buffer): HandshakeCommand[] {
    if (!this.msg1 || !this.msg2 || !this.dh) throw new WireFormatError('handshake state lost', 0)
    let authBytes: Buffer = msg3
    if (this.seal) {
      const preamble = readHandshakePreamble(msg3)
      checkKind(preamble.kind, HandshakeKind.CLIENT_AUTH)
      checkVersion(preamble.version)
      checkHandshakeLength(msg3, preamble.kind, CLIENT_AUTH_PRIVATE_BYTES)
      const plain = openHandshakePart(this.seal.clientAuth, msg3, CLIENT_AUTH_SEALED_FROM)
      if (!plain) throw new HandshakeError('CLIENT_AUTH does not open under the handshake key: tampered in transit')
      authBytes = plain
    }
    const auth = decodeClientAuth(authBytes)
    checkVersion(auth.version)
    checkFlags(auth.flags, flagsFor(this.init))
    const remotePeerId = PeerId.fromPublicKey(auth.staticKey)
    const signed = transcriptHash(
      CLIENT_SIGN_LABEL,
      this.msg1,
      this.msg2,
      authBytes.subarray(0, CLIENT_AUTH_SIGNED_BYTES),
    )
    if (!verifySignature(auth.staticKey, signed, auth.signature)) {
      throw new HandshakeError(`client cannot sign for peer ${remotePeerId}: bad CLIENT_AUTH signature`)
    }
    const transcript = transcriptHash('', this.msg1, this.msg2, msg3)
    const keys = deriveSessionKeys(this.dh, transcript, secretOf(this.init))
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
          remoteTraceContext: this.remoteTraceContext,
        },
      },
    ]
  }
}
