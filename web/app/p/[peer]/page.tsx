import { Dashboard } from '../../../src/components/dashboard.tsx'

export default function DashboardPage() {
  return <Dashboard />
}
