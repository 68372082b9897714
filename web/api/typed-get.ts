import type { Hono } from 'hono'
import type { hc } from 'hono/client'

/**
 * hono's client as a type, with a runtime of our own. The app calls only `$get` with string
 * query values and path parameters; hono's runtime also carries cookies, forms, JSON bodies,
 * WebSockets and URL builders, 3 kB gzip of the finder's first load that a phone would
 * download for nothing. The calls keep the types `hc<App>` gives them: paths, parameters and
 * answers are checked against the server's routes as before.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- hc's own bound on its app type
type AnyApp = Hono<any, any, any>
export type TypedClient<App extends AnyApp> = ReturnType<typeof hc<App, '/'>>

interface GetArgs {
  query?: Record<string, string | undefined>
  param?: Record<string, string>
}

/** `client.api.stations[':id'].$get({ param: { id } }, { init })`, fetched from this origin. */
export function typedClient<App extends AnyApp>(): TypedClient<App> {
  const node = (path: string): unknown =>
    new Proxy(
      {},
      {
        get: (_, key) =>
          key === '$get'
            ? (args: GetArgs = {}, options: { init?: RequestInit } = {}) =>
                fetch(url(path, args), options.init)
            : node(`${path}/${String(key)}`),
      },
    )
  return node('') as TypedClient<App>
}

/** The path with its `:name` segments filled in, and the defined query values. */
export function url(path: string, { query = {}, param = {} }: GetArgs): string {
  const filled = path.replace(/\/:(\w+)/g, (_, name: string) => {
    const value = param[name]
    if (value === undefined) throw new Error(`no value for :${name} in ${path}`)
    return `/${encodeURIComponent(value)}`
  })
  const search = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) if (v !== undefined) search.set(k, v)
  const q = search.toString()
  return q === '' ? filled : `${filled}?${q}`
}
