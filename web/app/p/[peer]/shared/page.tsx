import { SharedWithMe } from '../../../../src/components/shared-with-me.tsx'

export default function SharedPage() {
  return <SharedWithMe />
}
