/** Deterministic handshake inputs shared by the golden test and its fixture generator. */
import { createPrivateKey } from 'node:crypto'
import { identityFromPem, type PeerIdentity } from '@netswarm/identity'
import { ephemeralFromSeed } from '../src/index.ts'

const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex')

function seed(byte: number): Buffer {
  return Buffer.alloc(32, byte)
}

function identityFromSeed(byte: number): PeerIdentity {
  const der = Buffer.concat([ED25519_PKCS8_PREFIX, seed(byte)])
  const pem = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }).export({ type: 'pkcs8', format: 'pem' })
  return identityFromPem(pem as string)
}

export const goldenClient = () => ({ identity: identityFromSeed(0x01), ephemeral: ephemeralFromSeed(seed(0x11)) })
export const goldenServer = () => ({ identity: identityFromSeed(0x02), ephemeral: ephemeralFromSeed(seed(0x22)) })
export const FIXTURES = new URL('./fixtures/', import.meta.url)
