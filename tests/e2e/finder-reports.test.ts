import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { readDataset } from '../../server/seed.ts'
import { SqliteStore } from '../../server/db/sqlite/sqlite-store.ts'
import { CHROMIUM, ROOT, SCREENSHOTS, launchBrowser, shot, startServer } from './harness.ts'
import type { RunningServer } from './harness.ts'

// A worker's check-in and reports from the station card, against the real server over a store
// holding a few of the shipped sample stations of 西湖区, one of them already reported locked.

const shipped = readDataset(path.join(ROOT, 'data'))
const stations = shipped.stations
  .filter((s) => s.adcode === '330106' && s.status === 'active')
  .slice(0, 12)
const checked = { ...stations[0]!, access: 'code_lock' as const, accessNote: '密码请电话询问' }
const locked = stations[1]!
const XSS = '<img src=x onerror=alert(1)><script>window.__pwned = 1</script>'

describe.skipIf(!fs.existsSync(CHROMIUM))(
  'finder: check-ins and reports',
  { timeout: 90_000 },
  () => {
    let dataDir: string
    let server: RunningServer
    let browser: Browser
    beforeAll(async () => {
      fs.mkdirSync(SCREENSHOTS, { recursive: true })
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'waystation-e2e-reports-'))
      const store = await SqliteStore.open(path.join(dataDir, 'waystation.sqlite'))
      await store.replaceDataset({
        counties: shipped.counties,
        stations: [checked, ...stations.slice(1)],
        classes: [],
      })
      await store.addReport(locked.id, { type: 'locked' }, new Date(Date.now() - 26 * 3600_000))
      await store.close()
      ;[server, browser] = await Promise.all([startServer({ dataDir }), launchBrowser()])
    }, 120_000)
    afterAll(async () => {
      await browser?.close()
      await server?.stop()
      fs.rmSync(dataDir, { recursive: true, force: true })
    })

    async function open(url: string, viewport = { width: 390, height: 844 }) {
      const ctx = await browser.newContext({
        viewport,
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
      })
      const page = await ctx.newPage()
      const errors: string[] = []
      const dialogs: string[] = []
      page.on('pageerror', (e) => errors.push(e.message))
      page.on('dialog', (d) => {
        dialogs.push(d.message())
        void d.dismiss()
      })
      await page.goto(`${server.baseUrl}${url}`)
      return { page, errors, dialogs, close: () => ctx.close() }
    }

    async function report(page: Page, type: string, note?: string) {
      const card = page.getByRole('dialog')
      await card.getByRole('button', { name: /反馈现场情况|Report how it is/ }).click()
      await card.getByRole('radio', { name: type }).check()
      if (note !== undefined) await card.getByRole('textbox').fill(note)
      return card
    }

    test('a check-in from the card shows as confirmed open on the card at once', async () => {
      const { page, errors, close } = await open(
        `/?map=15/${checked.lat}/${checked.lon}&s=${checked.id}`,
      )
      const card = page.getByRole('dialog')
      await card.getByRole('heading', { level: 2, name: checked.name }).waitFor()
      await card.getByText('密码锁').waitFor()
      await card.getByText('密码请电话询问').waitFor()
      expect(await card.getByText(/确认开放/).count()).toBe(0)
      await report(page, '开着，能进')
      await shot(page, 'finder-report-form-phone')
      await card.getByRole('button', { name: /提交/ }).click()
      await card.getByText('谢谢！已记录，其他人会看到。').waitFor()
      await card.getByText('刚刚确认开放').waitFor()
      await shot(page, 'finder-report-receipt-phone')
      await card.getByText('刚刚确认开放').scrollIntoViewIfNeeded()
      await shot(page, 'finder-report-confirmed-phone')
      // The server says so too, to anyone.
      const res = await fetch(`${server.baseUrl}/api/stations/${checked.id}`)
      const body = (await res.json()) as { properties: { lastConfirmedAt: string | null } }
      expect(body.properties.lastConfirmedAt).not.toBeNull()
      expect(errors).toEqual([])
      await close()
    })

    test('a note with markup and script is shown as text: no dialog, no element made from it', async () => {
      const { page, errors, dialogs, close } = await open(
        `/?map=15/${checked.lat}/${checked.lon}&s=${checked.id}`,
      )
      const card = page.getByRole('dialog')
      await card.getByRole('heading', { level: 2 }).waitFor()
      await report(page, '其他', XSS)
      await card.getByRole('button', { name: /提交/ }).click()
      const shown = card.locator('.report-note')
      await shown.waitFor()
      expect(await shown.textContent()).toBe(XSS)
      expect(await page.locator('img[src="x"]').count()).toBe(0)
      expect(await shown.locator('script, img').count()).toBe(0)
      await page.waitForTimeout(300) // an onerror would have fired by now
      expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined()
      expect(dialogs).toEqual([])
      expect(errors).toEqual([])
      await card.getByText(/有人报告其他问题/).waitFor()
      await shot(page, 'finder-report-note-as-text-phone')
      await close()
    })

    test('the list marks the station reported locked, which the card dates', async () => {
      const { page, close } = await open(
        `/?map=14/${locked.lat}/${locked.lon}&at=${locked.lon},${locked.lat}`,
      )
      const row = page.locator(`li[data-id="${locked.id}"]`)
      await row.getByText('有人报告锁门').waitFor()
      await row.scrollIntoViewIfNeeded()
      await shot(page, 'finder-report-list-phone')
      await row.getByRole('button').click()
      const card = page.getByRole('dialog')
      await card.getByText('昨天有人报告锁门').waitFor()
      await shot(page, 'finder-report-locked-phone')
      await close()
    })

    test('in English on a desktop: the signal and the form', async () => {
      const { page, close } = await open(
        `/?map=15/${checked.lat}/${checked.lon}&s=${checked.id}&lang=en`,
        { width: 1280, height: 800 },
      )
      const card = page.getByRole('dialog')
      await card.getByText(/Confirmed open just now|Confirmed open \d+ min ago/).waitFor()
      await card.getByText('Code lock').waitFor()
      await shot(page, 'finder-report-signal-desktop-en')
      await report(page, 'An amenity is missing')
      await card.getByRole('combobox').waitFor()
      await shot(page, 'finder-report-form-desktop-en')
      await close()
    })
  },
)
