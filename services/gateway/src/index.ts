/**
 * @netswarm/gateway: the HTTP face of a peer (REST `/api/v1`, share links, tRPC for the console,
 * metrics). See docs/api.md.
 */
export type * from './backend.ts'
export { createGrpcBackend } from './clients/backend.ts'
export {
  GATEWAY_ENV,
  type GatewayConfig,
  type GatewayConfigInput,
  gatewayConfigSchema,
  loadGatewayConfig,
  publicBaseUrl,
} from './config.ts'
export {
  PayloadTooLargeError,
  PermissionDeniedError,
  RangeNotSatisfiableError,
  UnauthenticatedError,
} from './errors.ts'
export { contentDisposition, sanitizeFileName } from './file-names.ts'
export type { FolderEntryView, FolderListing } from './folders.ts'
export { type ErrorBody, HTTP_STATUS_BY_CODE, toHttpError } from './http/error-mapping.ts'
export { type ByteRange, parseRange, type RangeResult } from './http/range.ts'
export { parseCid, parseShareLink, shareLink } from './links.ts'
export type { NameView, VersionView } from './names/name-service.ts'
export type { FileDetails, NodeStats, PeerView } from './operations.ts'
export type { SearchResultView } from './search.ts'
export { createGatewayService, type GatewayComponents, type GatewayService } from './service.ts'
export type { AppRouter, PeerEvent } from './trpc/router.ts'
export type { SearchEvent } from './trpc/routers/search.ts'
