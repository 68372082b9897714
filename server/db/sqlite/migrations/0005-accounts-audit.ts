import type { Kysely, Migration } from 'kysely'

// Schema v5: editor and admin accounts, their browser sessions, and the audit log. Tokens and
// session ids are kept only as SHA-256 digests: a copy of the database opens no account.
export const accountsAudit: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('users')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull()) // admin | editor
      .addColumn('counties', 'text', (c) => c.notNull()) // JSON array of adcodes; [] for admins
      .addColumn('token_hash', 'text', (c) => c.notNull().unique()) // hex SHA-256
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .execute()
    await db.schema
      .createTable('sessions')
      .addColumn('id_hash', 'text', (c) => c.primaryKey()) // hex SHA-256 of the cookie's secret
      .addColumn('user_id', 'integer', (c) =>
        c.notNull().references('users.id').onDelete('cascade'),
      )
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute()
    await db.schema
      .createTable('audit_log')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('at', 'text', (c) => c.notNull())
      // Null for the bootstrap admin token and the command line, which have no account.
      .addColumn('user_id', 'integer')
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('layer', 'text', (c) => c.notNull())
      // The record written; for an import or rollback, null (batch_id names the batch).
      .addColumn('record_id', 'text')
      .addColumn('batch_id', 'text')
      // Counties the entry touched (before and after), JSON: who may read it.
      .addColumn('adcodes', 'text', (c) => c.notNull())
      .addColumn('before', 'text') // JSON, null when the record did not exist
      .addColumn('after', 'text') // JSON, null when it no longer exists
      .addColumn('undoes', 'integer')
      .execute()
    await db.schema
      .createIndex('audit_log_record')
      .on('audit_log')
      .columns(['layer', 'record_id'])
      .execute()
    await db.schema.createIndex('audit_log_user').on('audit_log').column('user_id').execute()
  },
}
