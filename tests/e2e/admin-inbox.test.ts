import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { blockNonLocal, launchBrowser, ROOT, SCREENSHOTS, shot, startServer } from './harness.ts'
import type { RunningServer } from './harness.ts'

// The admin's inbox and audit log on the real server in headless Chromium. Workers report
// through the API as the finder's form does; the editor of 西湖区 (330106), made with
// `npm run user`, sees their county's reports (a worker's markup as literal text), filters,
// opens a station, dismisses and resolves; an admin reads the moderation in the audit log.

const COUNTY = '330106'
const OTHER = '330102'
const PHONE = { width: 390, height: 844 }
const DESKTOP = { width: 1280, height: 800 }
const MARKUP = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>门锁着'

interface StationFeature {
  id: string
  properties: { name: string }
}
interface Report {
  id: string
  stationId: string
  status: string
  auditEntryId: number | null
}

let server: RunningServer
let browser: Browser
let editorToken: string
let adminToken: string
let stations: StationFeature[]
const made: Record<'markup' | 'locked' | 'toilet' | 'other', Report> = {} as never
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'waystation-inbox-'))

const addUser = (...args: string[]) =>
  execFileSync(process.execPath, ['--import', 'tsx', 'server/cli/user.ts', 'add', ...args], {
    cwd: ROOT,
    env: { ...process.env, WAYSTATION_DATA_DIR: dataDir },
    encoding: 'utf8',
  })
    .trim()
    .split('\n')
    .at(-1)!

async function api<T>(url: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`${server.baseUrl}${url}`, init)
  expect(res.ok, `${url}: ${res.status}`).toBe(true)
  return (await res.json()) as T
}
const report = (stationId: string, body: object) =>
  api<Report>(`/api/stations/${stationId}/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
const reportsAs = async (token: string, query: string) =>
  (
    await api<{ reports: Report[] }>(`/api/reports?${query}`, {
      headers: { authorization: `Bearer ${token}` },
    })
  ).reports

beforeAll(async () => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true })
  editorToken = addUser('--name', '西湖区编辑', '--role', 'editor', '--county', COUNTY)
  adminToken = addUser('--name', '省总管理员', '--role', 'admin')
  ;[server, browser] = await Promise.all([startServer({ dataDir }), launchBrowser()])
  stations = (await api<{ features: StationFeature[] }>(`/api/stations?adcode=${COUNTY}&limit=3`))
    .features
  const [other] = (
    await api<{ features: StationFeature[] }>(`/api/stations?adcode=${OTHER}&limit=1`)
  ).features
  made.locked = await report(stations[0]!.id, { type: 'locked', note: '晚上八点就锁门了' })
  made.toilet = await report(stations[1]!.id, {
    type: 'amenity_missing',
    amenity: 'toilet',
    note: '厕所在装修',
  })
  made.other = await report(other!.id, { type: 'locked' })
  made.markup = await report(stations[2]!.id, { type: 'other', note: MARKUP })
}, 120_000)
afterAll(async () => {
  await browser?.close()
  await server?.stop()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

async function openInbox(
  viewport: { width: number; height: number },
  token = editorToken,
  who = `西湖区编辑 · 编辑 · ${COUNTY}`,
): Promise<Page> {
  const ctx = await browser.newContext({ viewport, locale: 'zh-CN' })
  await blockNonLocal(ctx)
  const page = await ctx.newPage()
  await page.goto(`${server.baseUrl}/admin`)
  await page.getByLabel('令牌').fill(token)
  await page.getByRole('button', { name: '登录' }).click()
  await expect.poll(() => page.getByText(who).count()).toBe(1)
  await page.getByRole('tab', { name: '收件箱' }).click()
  await page.locator('.admin-inbox-list[aria-busy="false"]').waitFor({ state: 'attached' })
  return page
}

const shown = (page: Page) =>
  page.locator('.admin-inbox-report').evaluateAll((els) => els.map((e) => e.dataset.report))

describe('admin inbox', () => {
  test("an editor sees their county's reports newest first, a worker's markup as text", async () => {
    const page = await openInbox(PHONE)
    // The other county's report is not theirs.
    expect(await shown(page)).toEqual([made.markup.id, made.toilet.id, made.locked.id])
    const card = page.locator(`[data-report="${made.markup.id}"]`)
    expect(await card.locator('.admin-inbox-note').textContent()).toBe(MARKUP)
    expect(await page.locator('.admin-inbox-list img, .admin-inbox-list script').count()).toBe(0)
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined()
    expect(await card.textContent()).toContain(stations[2]!.properties.name)
    expect(await page.locator(`[data-report="${made.toilet.id}"]`).textContent()).toContain(
      '缺少某项设施：厕所',
    )
    await shot(page, 'admin-inbox-phone')
    await page.context().close()
  }, 120_000)

  test('filter by type, open the station, dismiss and resolve (with the edit it led to)', async () => {
    const page = await openInbox(DESKTOP)
    await shot(page, 'admin-inbox-desktop')
    await page.getByLabel('类型').selectOption('locked')
    await expect.poll(() => shown(page)).toEqual([made.locked.id])
    await page.getByLabel('类型').selectOption('')
    await expect.poll(() => shown(page)).toHaveLength(3)

    // Dismissed: gone from the open list, listed as dismissed, by whom.
    await page
      .locator(`[data-report="${made.markup.id}"]`)
      .getByRole('button', { name: '驳回' })
      .click()
    await expect.poll(() => shown(page)).toEqual([made.toilet.id, made.locked.id])
    expect((await reportsAs(editorToken, 'status=dismissed')).map((r) => r.id)).toEqual([
      made.markup.id,
    ])
    await page.getByLabel('状态').selectOption('dismissed')
    await expect.poll(() => shown(page)).toEqual([made.markup.id])
    expect(await page.locator(`[data-report="${made.markup.id}"]`).textContent()).toContain(
      '已驳回 · 西湖区编辑',
    )
    await page.getByLabel('状态').selectOption('open')
    await expect.poll(() => shown(page)).toHaveLength(2)

    // The link opens the station in the editor; fix it there (here: by the API), then resolve.
    await page
      .locator(`[data-report="${made.locked.id}"]`)
      .getByRole('button', { name: '在编辑器中打开站点' })
      .click()
    await expect
      .poll(() => page.getByLabel('名称', { exact: true }).inputValue())
      .toBe(stations[0]!.properties.name)
    const read = await fetch(`${server.baseUrl}/api/stations/${stations[0]!.id}`)
    const edit = await fetch(`${server.baseUrl}/api/stations/${stations[0]!.id}`, {
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${editorToken}`,
        'content-type': 'application/json',
        'if-match': read.headers.get('etag')!,
      },
      body: JSON.stringify({ accessNote: '晚上按门铃，值班员开门' }),
    })
    expect(edit.status).toBe(200)
    const history = await api<{ entries: { id: number }[] }>(
      `/api/stations/${stations[0]!.id}/history`,
      { headers: { authorization: `Bearer ${editorToken}` } },
    )
    await page.getByRole('tab', { name: '收件箱' }).click()
    await page
      .locator(`[data-report="${made.locked.id}"]`)
      .getByRole('button', { name: '标记为已处理' })
      .click()
    await expect.poll(() => shown(page)).toEqual([made.toilet.id])
    const [resolved] = await reportsAs(editorToken, 'status=resolved')
    expect(resolved).toMatchObject({ id: made.locked.id, auditEntryId: history.entries[0]!.id })

    // The station's own history holds the resolution beside the edit; moderation is not undone.
    await page.getByLabel('状态').selectOption('resolved')
    await expect.poll(() => shown(page)).toEqual([made.locked.id])
    await page
      .locator(`[data-report="${made.locked.id}"]`)
      .getByRole('button', { name: '在编辑器中打开站点' })
      .click()
    const entries = page.locator('.admin-history-entry')
    await expect.poll(() => entries.count()).toBe(2)
    expect(await entries.nth(0).textContent()).toContain('处理了一条反馈 · 西湖区编辑')
    expect(await entries.nth(0).textContent()).toContain('晚上八点就锁门了')
    expect(await entries.nth(0).getByRole('button', { name: '撤销' }).count()).toBe(0)
    expect(await entries.nth(1).textContent()).toContain('accessNote')
    expect(await entries.nth(1).getByRole('button', { name: '撤销' }).count()).toBe(1)
    await page.locator('.admin-history').scrollIntoViewIfNeeded()
    await shot(page, 'admin-history-moderation-desktop')

    // A dismissed report's markup is text in its station's history too.
    await page.getByRole('tab', { name: '收件箱' }).click()
    await page.getByLabel('状态').selectOption('dismissed')
    await expect.poll(() => shown(page)).toEqual([made.markup.id])
    await page
      .locator(`[data-report="${made.markup.id}"]`)
      .getByRole('button', { name: '在编辑器中打开站点' })
      .click()
    await expect.poll(() => entries.count()).toBe(1)
    expect(await entries.first().textContent()).toContain('驳回了一条反馈')
    expect(await entries.first().locator('.admin-history-report').textContent()).toContain(MARKUP)
    expect(await page.locator('.admin-history img, .admin-history script').count()).toBe(0)
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined()
    await page.setViewportSize(PHONE)
    await page.locator('.admin-history').scrollIntoViewIfNeeded()
    await shot(page, 'admin-history-moderation-phone')
    await page.context().close()
  }, 120_000)

  test('an admin sees every county and reads the moderation in the audit log', async () => {
    const page = await openInbox(DESKTOP, adminToken, '省总管理员 · 管理员 · 全部区县')
    await expect.poll(() => shown(page)).toEqual([made.other.id, made.toilet.id])
    await page.getByRole('tab', { name: '审计日志' }).click()
    const rows = page.locator('.admin-audit tbody tr')
    await expect.poll(() => rows.count()).toBe(3)
    expect(await rows.nth(0).textContent()).toContain('处理了一条反馈')
    expect(await rows.nth(1).textContent()).toContain('修改')
    expect(await rows.nth(2).textContent()).toContain('驳回了一条反馈')
    expect(await rows.nth(2).textContent()).toContain(made.markup.id)
    await shot(page, 'admin-audit-desktop')
    await page.setViewportSize(PHONE)
    await shot(page, 'admin-audit-phone')
    await page.context().close()
  }, 120_000)
})
