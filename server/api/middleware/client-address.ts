import type { IncomingMessage } from 'node:http'
import { isIPv6 } from 'node:net'
import type { Context } from 'hono'

/**
 * The address a request came from, as a rate-limit key. The TCP peer, unless the peer is one of
 * `trustedProxies` (WAYSTATION_TRUSTED_PROXIES): then the nearest X-Forwarded-For entry that is
 * not a trusted proxy, read from the right, since entries further left are whatever the client
 * wrote. Without a trusted proxy the header is ignored: anyone can send it. IPv6 clients are
 * keyed by their /64, which one household or phone gets whole. `unknown` when there is no
 * socket (requests made in-process, as tests do).
 */
export function clientAddress(c: Context, trustedProxies: ReadonlySet<string>): string {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming
  const peer = incoming?.socket.remoteAddress
  if (peer === undefined) return 'unknown'
  let address = normalise(peer)
  if (trustedProxies.has(address)) {
    const forwarded = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((a) => normalise(a.trim()))
      .filter((a) => a !== '')
    while (forwarded.length > 0 && trustedProxies.has(address)) address = forwarded.pop()!
  }
  return isIPv6(address) ? prefix64(address) : address
}

/** `::ffff:192.0.2.1` is the IPv4 client 192.0.2.1. */
function normalise(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  return (mapped ? mapped[1]! : address).toLowerCase()
}

/** The first four groups of an IPv6 address, `::` expanded: `2001:db8:0:1::/64`. */
function prefix64(address: string): string {
  const [head = '', tail] = address.split('%')[0]!.split('::')
  const left = head === '' ? [] : head.split(':')
  const right = tail === undefined || tail === '' ? [] : tail.split(':')
  const groups =
    tail === undefined
      ? left
      : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`
}
