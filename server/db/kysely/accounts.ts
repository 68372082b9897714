import type { Kysely, Selectable } from 'kysely'
import type { NewAccount } from '../store.ts'
import type { Account } from '../../domain/account.ts'
import type { Database, UserTable } from '../schema.ts'

// Accounts and browser sessions: plain Kysely, the same on every engine.

export async function createAccount(db: Kysely<Database>, account: NewAccount): Promise<Account> {
  const row = await db
    .insertInto('users')
    .values({
      name: account.name,
      role: account.role,
      counties: JSON.stringify(account.counties),
      token_hash: account.tokenHash,
      created_at: account.createdAt,
      revoked_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return accountFromRow(row)
}

export async function listAccounts(db: Kysely<Database>): Promise<Account[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('id').execute()
  return rows.map(accountFromRow)
}

/** Inside a transaction: the account is marked and its sessions end together. */
export async function revokeAccount(
  trx: Kysely<Database>,
  id: number,
  at: string,
): Promise<Account | null> {
  await trx
    .updateTable('users')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute()
  await trx.deleteFrom('sessions').where('user_id', '=', id).execute()
  const row = await trx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? accountFromRow(row) : null
}

export async function accountByTokenHash(
  db: Kysely<Database>,
  tokenHash: string,
): Promise<{ account: Account; tokenHash: string } | null> {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst()
  return row ? { account: accountFromRow(row), tokenHash: row.token_hash } : null
}

/** Inside a transaction: expired sessions are purged as a new one starts. */
export async function createSession(
  trx: Kysely<Database>,
  session: { idHash: string; userId: number; createdAt: string; expiresAt: string },
): Promise<void> {
  await trx.deleteFrom('sessions').where('expires_at', '<=', session.createdAt).execute()
  await trx
    .insertInto('sessions')
    .values({
      id_hash: session.idHash,
      user_id: session.userId,
      created_at: session.createdAt,
      expires_at: session.expiresAt,
    })
    .execute()
}

export async function sessionAccount(
  db: Kysely<Database>,
  idHash: string,
  now: string,
): Promise<{ account: Account; expiresAt: string } | null> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select('sessions.expires_at')
    .where('sessions.id_hash', '=', idHash)
    .where('sessions.expires_at', '>', now)
    .executeTakeFirst()
  return row ? { account: accountFromRow(row), expiresAt: row.expires_at } : null
}

export async function deleteSession(db: Kysely<Database>, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute()
}

function accountFromRow(r: Selectable<UserTable>): Account {
  return {
    id: r.id,
    name: r.name,
    role: r.role as Account['role'],
    counties: JSON.parse(r.counties) as string[],
    createdAt: r.created_at,
    revokedAt: r.revoked_at,
  }
}
