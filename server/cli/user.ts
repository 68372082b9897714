import { parseArgs } from 'node:util'
import { ROLES, type Account } from '../domain/account.ts'
import { createCountyLocator } from '../import/county-locator.ts'
import { digest, newSecret, TOKEN_PREFIX } from '../auth/secret.ts'
import { readSettings, SettingsError } from '../settings.ts'
import { openCliStore } from './open-cli-store.ts'

// `npm run user`: editor and admin accounts in the database under WAYSTATION_DATA_DIR (made and
// seeded when new, as the server does). A new account's token is printed once, alone on the
// last line, and only its digest is kept. Exit 0: done; 1: refused; 2: bad arguments.

const USAGE = `Usage:
  npm run user -- add --name NAME --role editor --county ADCODE [--county ADCODE...]
  npm run user -- add --name NAME --role admin
  npm run user -- list                 every account, revoked ones too
  npm run user -- revoke ID            the account's token and sessions stop working at once

--county takes a county's 6-digit adcode (330106) or its name (西湖区, 杭州市西湖区).
An editor writes only in their counties; an admin writes everywhere and reads the audit log.
The new token is shown once, alone on the last line: give it to its holder, it cannot be
shown again (revoke the account and add another if it is lost).
Exit status: 0 done, 1 refused, 2 bad arguments.`

class UsageError extends Error {}

const OPTIONS = {
  name: { type: 'string' },
  role: { type: 'string' },
  county: { type: 'string', multiple: true },
  help: { type: 'boolean' },
} as const

function parse(argv: string[]) {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: OPTIONS })
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err)) // an unknown option
  }
  const { values, positionals } = parsed
  const [command, ...rest] = positionals
  if (values.help) return { command: 'help' as const }
  const given = Object.keys(values).map((k) => `--${k}`)
  switch (command) {
    case 'add': {
      if (rest.length > 0) throw new UsageError(`add takes no arguments (${rest.join(' ')})`)
      const name = values.name?.trim()
      if (!name) throw new UsageError('add needs --name NAME')
      if (name.length > 100 || /\p{Cc}/u.test(name)) {
        throw new UsageError('--name must be at most 100 characters, without control characters')
      }
      const role = ROLES.find((r) => r === values.role)
      if (!role) {
        throw new UsageError(
          `--role must be one of ${ROLES.join(', ')}, got "${values.role ?? ''}"`,
        )
      }
      const counties = values.county ?? []
      if (role === 'editor' && counties.length === 0) {
        throw new UsageError('an editor needs at least one --county')
      }
      if (role === 'admin' && counties.length > 0) {
        throw new UsageError('an admin writes in every county: leave out --county')
      }
      return { command, name, role, counties }
    }
    case 'list':
      if (rest.length > 0 || given.length > 0) {
        throw new UsageError(`list takes nothing else (${[...given, ...rest].join(' ')})`)
      }
      return { command }
    case 'revoke': {
      if (given.length > 0) throw new UsageError(`revoke takes only an id (${given.join(' ')})`)
      const [id, ...more] = rest
      if (id === undefined || more.length > 0 || !/^[1-9]\d{0,9}$/.test(id)) {
        throw new UsageError(
          `revoke takes one account id (a number from list), got "${rest.join(' ')}"`,
        )
      }
      return { command, id: Number(id) }
    }
    case undefined:
      throw new UsageError('name a command: add, list or revoke')
    default:
      throw new UsageError(`unknown command "${command}"`)
  }
}

const line = (a: Account) =>
  [
    String(a.id).padStart(4),
    a.role.padEnd(6),
    a.name,
    a.role === 'admin' ? 'all counties' : a.counties.join(','),
    `created ${a.createdAt}`,
    a.revokedAt === null ? '' : `REVOKED ${a.revokedAt}`,
  ]
    .filter((x) => x !== '')
    .join('  ')

async function main(argv: string[]): Promise<number> {
  const args = parse(argv)
  if (args.command === 'help') {
    console.log(USAGE)
    return 0
  }
  const settings = readSettings(process.env)
  const store = await openCliStore(settings)
  try {
    switch (args.command) {
      case 'add': {
        const locator = createCountyLocator(await store.listCounties())
        const adcodes = args.counties.map((text) => {
          const county = locator.countyNamed(text)
          if (county === null) throw new UsageError(`--county ${text} is not a county we hold`)
          return county.adcode
        })
        const token = newSecret(TOKEN_PREFIX)
        const account = await store.createAccount({
          name: args.name,
          role: args.role,
          counties: [...new Set(adcodes)].sort(),
          tokenHash: digest(token),
          createdAt: new Date().toISOString(),
        })
        console.log(`Added account ${account.id}:\n${line(account)}`)
        console.error('Its token follows; it is shown only this once.')
        console.log(token)
        return 0
      }
      case 'list': {
        const accounts = await store.listAccounts()
        console.log(accounts.length === 0 ? 'No accounts.' : accounts.map(line).join('\n'))
        return 0
      }
      case 'revoke': {
        const account = await store.revokeAccount(args.id, new Date().toISOString())
        if (account === null) {
          console.error(`Refused: there is no account ${args.id} (npm run user -- list)`)
          return 1
        }
        console.log(`Revoked:\n${line(account)}`)
        return 0
      }
    }
  } finally {
    await store.close()
  }
}

try {
  process.exitCode = await main(process.argv.slice(2))
} catch (err) {
  // Bad arguments or settings: 2, as the server exits on a bad setting; anything else: 1.
  const message = err instanceof Error ? err.message : String(err)
  console.error(err instanceof UsageError ? `${message}\n\n${USAGE}` : message)
  process.exitCode = err instanceof UsageError || err instanceof SettingsError ? 2 : 1
}
