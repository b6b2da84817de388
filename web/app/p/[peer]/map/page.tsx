import { Suspense } from 'react'
import { NetworkMap } from '../../../../src/components/network-map.tsx'

export default function MapPage() {
  return (
    <Suspense>
      <NetworkMap />
    </Suspense>
  )
}
