import { notFound } from 'next/navigation'
import type { ReactNode } from 'react'
import { Shell } from '../../../src/components/shell.tsx'
import { configuredGateways } from '../../../src/server/gateways.ts'

// The gateway list is read from the environment when the page is served, not at build time.
export const dynamic = 'force-dynamic'

export default async function PeerLayout({
  children,
  params,
}: {
  children: ReactNode
  params: Promise<{ peer: string }>
}) {
  const { peer } = await params
  const gateways = configuredGateways()
  const index = Number(peer)
  if (!Number.isInteger(index) || index < 0 || index >= gateways.length) notFound()
  return (
    <Shell peer={index} gateways={gateways}>
      {children}
    </Shell>
  )
}
