import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = dirname(dirname(fileURLToPath(import.meta.url)))

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The monorepo root holds the lockfile and the hoisted node_modules.
  turbopack: { root },
  poweredByHeader: false,
  reactStrictMode: true,
}

export default nextConfig
