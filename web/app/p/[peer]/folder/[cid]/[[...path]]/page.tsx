import { FolderBrowser } from '../../../../../../src/components/folder-browser.tsx'

/** Next hands route segments over still percent-encoded. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

export default async function FolderPage({ params }: { params: Promise<{ cid: string; path?: string[] }> }) {
  const { cid, path } = await params
  return <FolderBrowser cid={decodeSegment(cid)} path={(path ?? []).map(decodeSegment)} />
}
