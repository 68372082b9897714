import { useT } from '../i18n/i18n.ts'
import { PAGE_PATHS } from '../../server/domain/pages.ts'

/** What a mistyped or stale address shows; the server answers it with status 404. */
export function NotFoundPage({ langQuery }: { langQuery: string }) {
  const t = useT()
  return (
    <main className="not-found">
      <h2>{t.notFound.title}</h2>
      <p>{t.notFound.body}</p>
      <p>
        <a href={`${PAGE_PATHS.finder}${langQuery}`}>{t.notFound.home}</a>
      </p>
    </main>
  )
}
