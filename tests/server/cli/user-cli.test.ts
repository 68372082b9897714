import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createApp } from '../../../server/app.ts'
import { SqliteStore } from '../../../server/db/sqlite/sqlite-store.ts'
import { SessionSchema } from '../../../server/domain/account.ts'
import { runCli } from './run-cli.ts'

// `npm run user` as an operator runs it: real processes over a real database file, and the
// token it prints tried against the API.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waystation-user-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))
// Counties only: the CLI checks --county against them.
const env = { WAYSTATION_DATA_DIR: path.join(dir, 'data'), WAYSTATION_SEED: 'none' }
const user = (...args: string[]) => runCli(args, env, 'server/cli/user.ts')
// Each case is a process compiling TypeScript: minutes in all on a loaded 2-core machine.
const SLOW = { timeout: 480_000 }

/** Who the API says a bearer token is, on a store opened on the CLI's database. */
async function whoIs(token: string) {
  const store = await SqliteStore.open(path.join(env.WAYSTATION_DATA_DIR, 'waystation.sqlite'))
  try {
    const res = await createApp(store).request('/api/session', {
      headers: { authorization: `Bearer ${token}` },
    })
    return res.status === 200 ? SessionSchema.parse(await res.json()).user : res.status
  } finally {
    await store.close()
  }
}

describe('npm run user', () => {
  it('refuses bad arguments with a message, the usage and exit 2', SLOW, async () => {
    const cases: [string[], RegExp][] = [
      [['remove', '1'], /unknown command "remove"/],
      [
        ['add', '--name', '张三', '--role', 'boss'],
        /--role must be one of admin, editor, got "boss"/,
      ],
      [['add', '--name', '张三', '--role', 'editor'], /an editor needs at least one --county/],
      [['add', '--name', '张三', '--role', 'admin', '--county', '330106'], /leave out --county/],
      [
        ['add', '--name', '张三', '--role', 'editor', '--county', '999999'],
        /--county 999999 is not a county we hold/,
      ],
      [
        ['add', '--name', '张三', '--role', 'editor', '--county', '火星区'],
        /--county 火星区 is not a county/,
      ],
      [['add', '--name', 'x', '--role', 'admin', '--admin'], /Unknown option '--admin'/],
    ]
    expect((await user('list')).stdout).toContain('No accounts.') // creates the database
    const runs = await Promise.all(cases.map(([args]) => user(...args)))
    runs.forEach((run, i) => {
      const args = cases[i]![0].join(' ')
      expect(run.code, args).toBe(2)
      expect(run.stderr, args).toMatch(cases[i]![1])
      expect(run.stderr, args).toContain('Usage:')
      expect(run.stdout, args).not.toMatch(/wst_/)
    })
    expect((await user('list')).stdout).toContain('No accounts.')
  })

  it('adds an editor (token alone on the last line), lists it, and revokes it', SLOW, async () => {
    const added = await user(
      'add',
      '--name',
      '西湖区总工会',
      '--role',
      'editor',
      '--county',
      '330106',
      '--county',
      '杭州市上城区',
    )
    expect(added.code, added.stderr).toBe(0)
    const lines = added.stdout.trimEnd().split('\n')
    const token = lines.at(-1)!
    expect(token).toMatch(/^wst_[\w-]{43}$/) // 256 random bits
    expect(added.stdout).toMatch(/Added account 1:\n\s+1\s+editor\s+西湖区总工会\s+330102,330106/)
    // Only the digest is stored.
    const file = fs.readFileSync(path.join(env.WAYSTATION_DATA_DIR, 'waystation.sqlite'))
    expect(file.includes(Buffer.from(token.slice(4)))).toBe(false)
    expect(await whoIs(token)).toEqual({
      id: 1,
      name: '西湖区总工会',
      role: 'editor',
      counties: ['330102', '330106'],
    })

    const admin = await user('add', '--name', '省总工会', '--role', 'admin')
    expect(admin.code).toBe(0)
    const adminToken = admin.stdout.trimEnd().split('\n').at(-1)!
    expect(adminToken).not.toBe(token)

    const list = await user('list')
    expect(list.stdout.trimEnd()).toMatch(
      /^\s+1\s+editor\s+西湖区总工会\s+330102,330106\s+created \S+\n\s+2\s+admin\s+省总工会\s+all counties\s+created \S+$/,
    )
    expect(list.stdout).not.toMatch(/wst_/)

    const revoked = await user('revoke', '1')
    expect(revoked.code).toBe(0)
    expect(revoked.stdout).toMatch(/REVOKED \d{4}-/)
    expect(await whoIs(token)).toBe(401)
    expect(await whoIs(adminToken)).toMatchObject({ id: 2, role: 'admin' })
    const unknown = await user('revoke', '99')
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toMatch(/there is no account 99/)
  })
})
