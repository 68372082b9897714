import { useCallback, useEffect, useState } from 'react'
import type { Station } from '../../server/domain/station.ts'
import { fetchSession, fetchStation, ProblemError, signIn, signOut } from '../api/admin-client.ts'
import type { Session, Tagged } from '../api/admin-client.ts'
import { useAdminT } from '../i18n/i18n.ts'
import { AuditLog } from './audit-log.tsx'
import { ImportPanel } from './import-panel.tsx'
import { ReportInbox } from './report-inbox.tsx'
import { RecordSearch } from './record-search.tsx'
import { newDraft, StationEditor } from './station-editor.tsx'
import type { StationEditorProps } from './station-editor.tsx'

/** Where a new station starts when nothing has been opened: central Hangzhou. */
const HANGZHOU: readonly [number, number] = [120.1551, 30.2741]

type Open = { key: string; start: StationEditorProps['start'] } | null
type Tab = 'records' | 'inbox' | 'import' | 'audit'

/** Sign in, then find and edit records, moderate reports, import a register, read the log. */
export function AdminPage() {
  const t = useAdminT().admin
  const [session, setSession] = useState<Session | null>(null)
  const [tab, setTab] = useState<Tab>('records')
  const [open, setOpen] = useState<Open>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    fetchSession().then(setSession, (err: unknown) => setError(String(err)))
  }, [])

  const signedOut = useCallback(() => {
    setSession({ user: null, csrfToken: null, expiresAt: null })
    setError(t.editor.signedOut)
  }, [t])
  const refused = useCallback(
    (err: unknown) => {
      if (err instanceof ProblemError && err.status === 401) signedOut()
      else setError(err instanceof Error ? err.message : String(err))
    },
    [signedOut],
  )

  if (session === null) return <main className="admin-main" aria-busy="true" />
  const user = session.user
  if (user === null) {
    return (
      <main className="admin-main">
        <SignIn
          error={error}
          onSignIn={async (token) => {
            try {
              setSession(await signIn(token))
              setError(null)
            } catch (err) {
              setError(err instanceof Error ? err.message : String(err))
            }
          }}
        />
      </main>
    )
  }

  const openStation = async (id: string) => {
    try {
      const tagged: Tagged<Station> = await fetchStation(id)
      setOpen({ key: `${id}:${tagged.etag}`, start: tagged })
      setTab('records')
    } catch (err) {
      refused(err)
    }
  }
  const tabs: Tab[] = [
    'records',
    'inbox',
    'import',
    ...(user.role === 'admin' ? ['audit' as const] : []),
  ]

  return (
    <main className="admin-main">
      <div className="admin-who">
        <span>
          {t.signIn.who(
            user.name,
            t.roles[user.role],
            user.role === 'admin' ? t.signIn.allCounties : user.counties.join('、'),
          )}
        </span>
        <button
          type="button"
          onClick={() =>
            void signOut().then(() => setSession({ user: null, csrfToken: null, expiresAt: null }))
          }
        >
          {t.signIn.signOut}
        </button>
      </div>
      <div className="admin-tabs" role="tablist">
        {tabs.map((k) => (
          <button
            key={k}
            type="button"
            role="tab"
            aria-selected={tab === k}
            onClick={() => {
              setTab(k)
              setError(null)
            }}
          >
            {t.tabs[k]}
          </button>
        ))}
      </div>
      {error !== null && (
        <p className="admin-field-error" role="alert">
          {error}
        </p>
      )}
      {tab === 'inbox' && (
        <ReportInbox onOpenStation={(id) => void openStation(id)} onRefused={refused} />
      )}
      {tab === 'import' && <ImportPanel />}
      {tab === 'audit' && <AuditLog onRefused={refused} />}
      {tab === 'records' && (
        <div className="admin-records">
          <RecordSearch
            counties={user.counties}
            onOpen={(s) => void openStation(s.id)}
            onNew={(near) =>
              setOpen({ key: `new:${Date.now()}`, start: newDraft(near ?? HANGZHOU) })
            }
          />
          {open !== null && (
            <StationEditor key={open.key} start={open.start} onSignedOut={signedOut} />
          )}
        </div>
      )}
    </main>
  )
}

function SignIn({
  error,
  onSignIn,
}: {
  error: string | null
  onSignIn: (token: string) => Promise<void>
}) {
  const t = useAdminT().admin.signIn
  const [token, setToken] = useState('')
  return (
    <form
      className="admin-signin"
      onSubmit={(e) => {
        e.preventDefault()
        void onSignIn(token.trim())
      }}
    >
      <h2>{t.heading}</h2>
      <label htmlFor="admin-token">{t.token}</label>
      <input
        id="admin-token"
        name="token"
        type="password"
        autoComplete="off"
        value={token}
        onChange={(e) => setToken(e.target.value)}
        aria-describedby="admin-token-hint"
      />
      <p id="admin-token-hint" className="admin-hint">
        {t.tokenHint}
      </p>
      {error !== null && (
        <p className="admin-field-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="admin-primary" disabled={token.trim() === ''}>
        {t.submit}
      </button>
    </form>
  )
}
