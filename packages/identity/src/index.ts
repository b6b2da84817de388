export * from './errors.ts'
export * from './identity.ts'
export * from './peer-id.ts'
export * from './x25519.ts'
