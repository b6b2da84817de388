import { PeersView } from '../../../../src/components/peers-view.tsx'

export default function PeersPage() {
  return <PeersView />
}
