import { NamesView } from '../../../../src/components/names-view.tsx'

export default function NamesPage() {
  return <NamesView />
}
