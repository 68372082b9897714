import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { SqliteStore } from '../../server/db/sqlite/sqlite-store.ts'
import { readDataset } from '../../server/seed.ts'
import type { Station } from '../../server/domain/station.ts'
import { CHROMIUM, launchBrowser, ROOT, shot, startServer } from './harness.ts'
import type { RunningServer } from './harness.ts'

// A station card for a record imported from a real register, beside a sample one: the server
// runs over a store holding just these two (and the real counties), as after an import.

const shipped = readDataset(path.join(ROOT, 'data'))
const sample = shipped.stations.find((s) => s.adcode === '330106' && s.status === 'active')!
const REAL: Station = {
  ...sample,
  id: 'zj-xh-001',
  name: '文三路爱心驿站',
  address: '杭州市西湖区文三路478号华星科技大厦一楼',
  lon: 120.1302,
  lat: 30.2772,
  kind: 'outdoor_worker_station',
  openingHours: null,
  hoursText: '工作日 8:30—17:30（节假日除外），夏季延长至19:00',
  hostName: '西湖区总工会',
  host: 'union_office',
  phone: '0571-88886666',
  sample: false,
  source: '西湖区总工会驿站台账（2026年11月）',
  sourceRef: 'XH-001',
  importBatch: 'b-e2e',
  verifiedOn: '2026-11-20',
  access: 'ask_staff',
  accessNote: '请按门铃，值班人员开门',
}

describe.skipIf(!fs.existsSync(CHROMIUM))('finder: a real record', { timeout: 60_000 }, () => {
  let dataDir: string
  let server: RunningServer
  let browser: Browser
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'waystation-e2e-real-'))
    const store = await SqliteStore.open(path.join(dataDir, 'waystation.sqlite'))
    await store.replaceDataset({
      counties: shipped.counties,
      stations: [REAL, sample],
      classes: [],
    })
    await store.close()
    ;[server, browser] = await Promise.all([startServer({ dataDir }), launchBrowser()])
  }, 120_000)
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  async function openCard(id: string, viewport = { width: 390, height: 844 }, lang = '') {
    const ctx = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
    const page = await ctx.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(`${server.baseUrl}/?map=15/30.2772/120.1302&s=${id}${lang}`)
    await page.getByRole('dialog').getByRole('heading', { level: 2 }).waitFor()
    expect(errors).toEqual([])
    return { page, card: page.getByRole('dialog'), close: () => ctx.close() }
  }

  const text = (page: Page) => page.getByRole('dialog').innerText()

  test('shows its host, its posted hours as written, its source, and no sample badge', async () => {
    const { page, card, close } = await openCard(REAL.id)
    await card.getByText(`数据来源：${REAL.source}`).waitFor()
    await card.getByText('登记的开放时间（原文照录）').waitFor()
    // As written, not read as open or closed.
    await card.getByText(REAL.hoursText!).waitFor()
    await card.getByText('时间未知').waitFor()
    const shown = await text(page)
    expect(shown).toContain(REAL.hostName)
    expect(shown).not.toMatch(/开放中|已关闭|示例数据/)
    await shot(page, 'finder-real-record-phone')
    // The source closes the card, small, below the navigation links.
    await card.getByText(`数据来源：${REAL.source}`).scrollIntoViewIfNeeded()
    await shot(page, 'finder-real-record-phone-source')
    await close()
  })

  test('a sample record beside it keeps its badge and shows no source', async () => {
    const { page, card, close } = await openCard(sample.id)
    await card.getByText('示例数据').waitFor()
    expect(await text(page)).not.toContain('数据来源')
    await close()
  })

  test('in English and on a desktop', async () => {
    const { page, card, close } = await openCard(REAL.id, { width: 1280, height: 800 }, '&lang=en')
    await card.getByText(`Source: ${REAL.source}`).waitFor()
    await card.getByText('Posted hours, as written').waitFor()
    await shot(page, 'finder-real-record-desktop-en')
    await close()
  })
})
