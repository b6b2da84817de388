import { Suspense } from 'react'
import { OpenLink } from '../../../../src/components/open-link.tsx'

export default function OpenPage() {
  return (
    <Suspense>
      <OpenLink />
    </Suspense>
  )
}
