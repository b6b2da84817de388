import { redirect } from 'next/navigation'

/** The console opens on the first peer's dashboard. */
export default function Home() {
  redirect('/p/0')
}
