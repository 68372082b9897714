import { createHash } from 'node:crypto'
import type { Trust } from '../domain/report.ts'
import { NO_TRUST, REPORT_MAX_AGE_MS, trustOf, type TrustReport } from '../domain/trust.ts'

/** An open report as kept in memory: its id, so that closing it can take it out. */
export interface OpenReport extends TrustReport {
  id: string
}

/**
 * The open reports of the last REPORT_MAX_AGE_DAYS, per station, in memory: what the trust
 * signal is computed from on every station answer, so a nearby page costs no query per station.
 * A store loads it once at start-up, adds each report it writes and removes each it closes.
 */
export class OpenReports {
  readonly #byStation = new Map<string, OpenReport[]>()
  /** The XOR of each held report's digest (64 bits, as two halves): see `tag`. */
  #digestHigh = 0
  #digestLow = 0
  #held = 0

  /**
   * Which reports are held, in a few bytes: equal tags mean the same reports (so the same trust
   * at any one instant), whatever the order they came in, on any instance that holds them.
   * Kept as each report comes and goes, never computed over all of them.
   */
  get tag(): string {
    const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0')
    return `${this.#held}.${hex(this.#digestHigh)}${hex(this.#digestLow)}`
  }

  /** Adding a report already held changes nothing (it may be heard of twice). */
  add(stationId: string, report: OpenReport): void {
    const list = this.#byStation.get(stationId)
    if (list?.some((r) => r.id === report.id)) return
    if (list) list.push(report)
    else this.#byStation.set(stationId, [report])
    this.#toggle(report.id, 1)
  }

  /** A report resolved or dismissed: it stops counting at once. */
  remove(stationId: string, reportId: string): void {
    const list = this.#byStation.get(stationId)
    if (!list?.some((r) => r.id === reportId)) return
    const rest = list.filter((r) => r.id !== reportId)
    if (rest.length === 0) this.#byStation.delete(stationId)
    else this.#byStation.set(stationId, rest)
    this.#toggle(reportId, -1)
  }

  clear(): void {
    this.#byStation.clear()
    this.#digestHigh = 0
    this.#digestLow = 0
    this.#held = 0
  }

  /** Each station's trust signal at `now`, in the order of `ids`; aged-out reports are dropped. */
  trust(ids: readonly string[], now: Date): Trust[] {
    const since = new Date(now.getTime() - REPORT_MAX_AGE_MS).toISOString()
    return ids.map((id) => {
      const list = this.#byStation.get(id)
      if (!list) return NO_TRUST
      const recent = list.filter((r) => r.createdAt > since)
      if (recent.length < list.length) {
        for (const r of list) if (r.createdAt <= since) this.#toggle(r.id, -1)
        if (recent.length === 0) this.#byStation.delete(id)
        else this.#byStation.set(id, recent)
      }
      return recent.length === 0 ? NO_TRUST : trustOf(recent, now)
    })
  }

  /** A report in or out of the digest (XOR: the same step both ways). */
  #toggle(reportId: string, count: 1 | -1): void {
    const digest = createHash('sha1').update(reportId).digest()
    this.#digestHigh ^= digest.readUInt32BE(0)
    this.#digestLow ^= digest.readUInt32BE(4)
    this.#held += count
  }
}
