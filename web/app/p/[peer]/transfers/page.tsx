import { TransfersView } from '../../../../src/components/transfers-view.tsx'

export default function TransfersPage() {
  return <TransfersView />
}
