import { useCallback, useEffect, useState } from 'react'
import type { ChildcareClass } from '../../server/domain/childcare-class.ts'
import type { EditLayer } from '../../server/domain/edits.ts'
import type { Station } from '../../server/domain/station.ts'
import { fetchRecord, fetchSession, ProblemError, signIn, signOut } from '../api/admin-client.ts'
import type { Session, Tagged } from '../api/admin-client.ts'
import { useAdminT } from '../i18n/i18n.ts'
import { AuditLog } from './audit-log.tsx'
import { ImportPanel } from './import-panel.tsx'
import { ReportInbox } from './report-inbox.tsx'
import { CLASS_LAYER } from './class-fields.tsx'
import { RecordEditor } from './record-editor.tsx'
import { RecordSearch } from './record-search.tsx'
import { STATION_LAYER } from './station-fields.tsx'

/** Where a new record starts when nothing has been opened: central Hangzhou. */
const HANGZHOU: readonly [number, number] = [120.1551, 30.2741]

/** The record in the editor (null: a new one at `at`), by layer. */
type Open =
  | ({ key: string; at: readonly [number, number] } & (
      | { layer: 'stations'; record: Tagged<Station> | null }
      | { layer: 'classes'; record: Tagged<ChildcareClass> | null }
    ))
  | null
type Tab = 'records' | 'inbox' | 'import' | 'audit'

/** Sign in, then find and edit records, moderate reports, import a register, read the log. */
export function AdminPage() {
  const t = useAdminT().admin
  const [session, setSession] = useState<Session | null>(null)
  const [tab, setTab] = useState<Tab>('records')
  const [layer, setLayer] = useState<EditLayer>('stations')
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

  const openRecord = async (l: EditLayer, id: string) => {
    try {
      const key = `${l}:${id}:${Date.now()}`
      // The record read is of layer `l`: a pairing TypeScript cannot follow through the call.
      setOpen({ key, at: HANGZHOU, layer: l, record: await fetchRecord(l, id) } as Open)
      setLayer(l)
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
        <ReportInbox onOpenStation={(id) => void openRecord('stations', id)} onRefused={refused} />
      )}
      {tab === 'import' && <ImportPanel />}
      {tab === 'audit' && <AuditLog onRefused={refused} />}
      {tab === 'records' && (
        <div className="admin-records">
          <RecordSearch
            layer={layer}
            onLayer={(l) => {
              setLayer(l)
              setOpen(null)
            }}
            counties={user.counties}
            onOpen={(id) => void openRecord(layer, id)}
            onNew={(near) =>
              setOpen({ key: `new:${Date.now()}`, at: near ?? HANGZHOU, layer, record: null })
            }
          />
          {open?.layer === 'stations' && (
            <RecordEditor
              key={open.key}
              spec={STATION_LAYER}
              record={open.record}
              at={open.at}
              onSignedOut={signedOut}
            />
          )}
          {open?.layer === 'classes' && (
            <RecordEditor
              key={open.key}
              spec={CLASS_LAYER}
              record={open.record}
              at={open.at}
              onSignedOut={signedOut}
            />
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
