import type { AddressInfo } from 'node:net'
import type { Server, ServerResponse } from 'node:http'
import { createAdaptorServer } from '@hono/node-server'
import type { Settings } from './settings.ts'

type FetchCallback = Parameters<typeof createAdaptorServer>[0]['fetch']
type HttpSettings = Pick<
  Settings,
  | 'port'
  | 'host'
  | 'headersTimeoutMs'
  | 'requestTimeoutMs'
  | 'keepAliveTimeoutMs'
  | 'maxConnections'
>

export interface HttpServer {
  address: AddressInfo
  /** Requests received whose response has not finished. */
  readonly inFlight: number
  /**
   * Graceful stop: refuses new connections, lets requests in flight finish (closing each
   * connection after its response) for up to graceMs, then cuts whatever is left.
   */
  stop(graceMs: number): Promise<{ requests: number; cut: number }>
}

/**
 * The Node HTTP server for `fetch`, with deadlines so that idle or trickling clients cannot
 * hold sockets (Node's defaults wait 60 s for headers, 300 s for a request, and check them
 * only every 30 s) and a cap on open connections.
 */
export function startHttpServer(fetch: FetchCallback, settings: HttpSettings): Promise<HttpServer> {
  const server: Server = createAdaptorServer({
    fetch,
    serverOptions: {
      headersTimeout: settings.headersTimeoutMs,
      requestTimeout: settings.requestTimeoutMs,
      keepAliveTimeout: settings.keepAliveTimeoutMs,
      // How often those deadlines are enforced: a tenth of the shortest, at most a second.
      connectionsCheckingInterval: Math.min(1_000, Math.ceil(settings.headersTimeoutMs / 10)),
    },
  }) as Server
  server.maxConnections = settings.maxConnections

  let requests = 0
  let stopping = false
  const inFlight = new Set<ServerResponse>()
  server.on('request', (_req, res: ServerResponse) => {
    requests++
    inFlight.add(res)
    res.once('close', () => inFlight.delete(res))
    if (stopping) res.setHeader('connection', 'close')
  })

  const stop = (graceMs: number) =>
    new Promise<{ requests: number; cut: number }>((resolve) => {
      stopping = true
      let cut = 0
      // Node answers keep-alive even while closing; ask clients to reconnect elsewhere.
      for (const res of inFlight) if (!res.headersSent) res.setHeader('connection', 'close')
      // Responses that had started before the stop leave keep-alive sockets idle behind them.
      const sweep = setInterval(() => server.closeIdleConnections(), 50)
      const deadline = setTimeout(() => {
        cut = inFlight.size
        server.closeAllConnections()
      }, graceMs)
      server.close(() => {
        clearInterval(sweep)
        clearTimeout(deadline)
        resolve({ requests, cut })
      })
    })

  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(settings.port, settings.host, () => {
      server.off('error', reject)
      resolve({
        address: server.address() as AddressInfo,
        get inFlight() {
          return inFlight.size
        },
        stop,
      })
    })
  })
}
