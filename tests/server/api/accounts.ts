import type { Store } from '../../../server/db/store.ts'
import type { Role } from '../../../server/domain/account.ts'
import { digest, newSecret, TOKEN_PREFIX } from '../../../server/auth/secret.ts'

/** An account made as `npm run user -- add` makes one; answers its id and token. */
export async function addAccount(
  store: Store,
  name: string,
  role: Role,
  counties: string[] = [],
): Promise<{ id: number; token: string }> {
  const token = newSecret(TOKEN_PREFIX)
  const account = await store.createAccount({
    name,
    role,
    counties,
    tokenHash: digest(token),
    createdAt: new Date().toISOString(),
  })
  return { id: account.id, token }
}

/** Everything a write could change: both layers, the data version and the audit log. */
export async function storeState(store: Store) {
  const [stations, classes, audit] = await Promise.all([
    store.layerSnapshot('stations'),
    store.layerSnapshot('classes'),
    store.listAudit({ limit: 1000 }),
  ])
  return { stations, classes, audit, version: await store.dataVersion() }
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` })
