import { useT } from '../i18n/i18n.ts'

/** Open / closed / unknown, in words and colour (never colour alone). */
export function OpenBadge({
  open,
  suspended = false,
}: {
  open: boolean | null
  suspended?: boolean
}) {
  const t = useT()
  if (suspended) return <span className="badge badge-closed">{t.status.suspended}</span>
  if (open === null) return <span className="badge badge-unknown">{t.status.unknown}</span>
  return open ? (
    <span className="badge badge-open">{t.status.open}</span>
  ) : (
    <span className="badge badge-closed">{t.status.closed}</span>
  )
}
