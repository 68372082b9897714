import { expect, it } from 'vitest'
import { readSettings } from '../../server/settings.ts'

it('seeds the sample unless WAYSTATION_SEED says none, and names a bad value', () => {
  expect(readSettings({}).seed).toBe('sample')
  expect(readSettings({ WAYSTATION_SEED: '' }).seed).toBe('sample')
  expect(readSettings({ WAYSTATION_SEED: 'none' }).seed).toBe('none')
  expect(() => readSettings({ WAYSTATION_SEED: 'None' })).toThrow(
    'WAYSTATION_SEED must be one of sample, none, got "None"',
  )
})

it('takes an admin token only if it is long and printable; unset turns import over the API off', () => {
  expect(readSettings({}).adminToken).toBeNull()
  expect(readSettings({ WAYSTATION_ADMIN_TOKEN: '' }).adminToken).toBeNull()
  const token = '0123456789abcdef0123456789abcdef'
  expect(readSettings({ WAYSTATION_ADMIN_TOKEN: token }).adminToken).toBe(token)
  for (const bad of ['short', `${token.slice(1)} `, `${token}\u00e9`]) {
    expect(() => readSettings({ WAYSTATION_ADMIN_TOKEN: bad })).toThrow(
      /WAYSTATION_ADMIN_TOKEN must be at least 32 printable ASCII characters/,
    )
  }
  expect(readSettings({}).importMaxBytes).toBe(64 * 2 ** 20)
  expect(() => readSettings({ WAYSTATION_IMPORT_MAX_BYTES: '10' })).toThrow(
    /WAYSTATION_IMPORT_MAX_BYTES must be an integer from 1024/,
  )
})

it('reads trusted proxies as IP addresses, none by default, and names a bad one', () => {
  expect(readSettings({}).trustedProxies).toEqual([])
  expect(readSettings({ WAYSTATION_TRUSTED_PROXIES: ' ' }).trustedProxies).toEqual([])
  expect(
    readSettings({ WAYSTATION_TRUSTED_PROXIES: '127.0.0.1, ::1,10.0.0.2' }).trustedProxies,
  ).toEqual(['127.0.0.1', '::1', '10.0.0.2'])
  expect(() => readSettings({ WAYSTATION_TRUSTED_PROXIES: '127.0.0.1,proxy.local' })).toThrow(
    'WAYSTATION_TRUSTED_PROXIES must be comma-separated IP addresses of proxies, got "proxy.local"',
  )
})

it('uses SQLite unless DATABASE_URL names a PostgreSQL, and names a bad value', () => {
  expect(readSettings({}).databaseUrl).toBeNull()
  expect(readSettings({ DATABASE_URL: '' }).databaseUrl).toBeNull()
  const url = 'postgres://waystation:secret@db.internal:5432/waystation'
  expect(readSettings({ DATABASE_URL: url }).databaseUrl).toBe(url)
  expect(readSettings({ DATABASE_URL: 'postgresql://db/w' }).databaseUrl).toBe('postgresql://db/w')
  expect(() => readSettings({ DATABASE_URL: 'mysql://db/w' })).toThrow(
    /DATABASE_URL must be a PostgreSQL URL/,
  )
})
