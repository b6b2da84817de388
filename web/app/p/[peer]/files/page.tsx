import { FileBrowser } from '../../../../src/components/file-browser.tsx'

export default function FilesPage() {
  return <FileBrowser />
}
