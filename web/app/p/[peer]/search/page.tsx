import { SearchView } from '../../../../src/components/search-view.tsx'

export default function SearchPage() {
  return <SearchView />
}
