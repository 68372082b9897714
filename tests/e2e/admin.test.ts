import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { blockNonLocal, launchBrowser, ROOT, SCREENSHOTS, shot, startServer } from './harness.ts'
import type { RunningServer } from './harness.ts'

// The web admin (/admin) on the real server in headless Chromium: an editor of 西湖区 (330106),
// made with `npm run user` as an operator would, signs in with the token, edits a station's
// hours with the helper, sees the change in the history and undoes it; a save after another
// client changed the record is refused with the 412 message; a dry-run import shows its report.

const COUNTY = '330106'
const PHONE = { width: 390, height: 844 }
const DESKTOP = { width: 1280, height: 800 }

type StationFeature = {
  id: string
  geometry: { coordinates: [number, number] }
  properties: { name: string; address: string; openingHours: string | null }
}

let server: RunningServer
let browser: Browser
let token: string
let station: StationFeature
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'waystation-admin-'))

const api = async (url: string, init: RequestInit = {}) => {
  const res = await fetch(`${server.baseUrl}${url}`, init)
  return { res, body: (await res.json().catch(() => null)) as unknown }
}
const stationNow = async () => (await api(`/api/stations/${station.id}`)).body as StationFeature

beforeAll(async () => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true })
  const out = execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'server/cli/user.ts',
      'add',
      '--name',
      '西湖区编辑',
      '--role',
      'editor',
      '--county',
      COUNTY,
    ],
    { cwd: ROOT, env: { ...process.env, WAYSTATION_DATA_DIR: dataDir }, encoding: 'utf8' },
  )
  token = out.trim().split('\n').at(-1)!
  ;[server, browser] = await Promise.all([startServer({ dataDir }), launchBrowser()])
  const page = (await api(`/api/stations?adcode=${COUNTY}&limit=1`)).body as {
    features: StationFeature[]
  }
  station = page.features[0]!
}, 120_000)
afterAll(async () => {
  await browser?.close()
  await server?.stop()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

async function openAdmin(viewport: { width: number; height: number }): Promise<Page> {
  const ctx = await browser.newContext({ viewport, locale: 'zh-CN' })
  await blockNonLocal(ctx)
  const page = await ctx.newPage()
  await page.goto(`${server.baseUrl}/admin`)
  return page
}

async function signIn(page: Page, name: string) {
  await page.getByLabel('令牌').fill(token)
  await shot(page, `admin-${name}-1-sign-in`)
  await page.getByRole('button', { name: '登录' }).click()
  await expect.poll(() => page.getByText(`西湖区编辑 · 编辑 · ${COUNTY}`).count()).toBe(1)
}

async function openStation(page: Page) {
  await page.getByLabel('名称或地址').fill(station.properties.name)
  await page.getByRole('button', { name: '搜索' }).click()
  await page
    .getByRole('button', { name: new RegExp(station.properties.name) })
    .first()
    .click()
  await expect.poll(() => page.getByRole('heading', { name: /编辑站点/ }).count()).toBe(1)
  await expect.poll(() => page.getByText(`区县 ${COUNTY}`).count()).toBe(1)
  // The map has drawn its marker.
  await page.locator('.admin-map .maplibregl-marker').waitFor()
}

async function dryRunImport(page: Page) {
  await page.getByRole('tab', { name: '导入' }).click()
  const [x, y] = station.geometry.coordinates
  const csv =
    '站点名称,详细地址,经度,纬度,开放时间\n' +
    `新驿站,西湖区测试路1号,${x + 0.0005},${y + 0.0005},周一至周五 8:00-18:00\n` +
    '坏坐标驿站,西湖区测试路2号,abc,30.26,周一至周五 8:00-18:00\n'
  await page.locator('input[type=file]').setInputFiles({
    name: '西湖区.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv),
  })
  await page.getByRole('button', { name: '检查（试运行）' }).click()
  const counts = page.locator('.admin-counts')
  await counts.waitFor()
  await expect.poll(() => counts.getByRole('row', { name: /读取行数/ }).textContent()).toMatch(/2$/)
  const rejected = page.getByRole('table', { name: '被拒绝的行' })
  await expect.poll(() => rejected.getByRole('row').count()).toBe(2)
  expect(await rejected.getByRole('row').nth(1).textContent()).toContain('西湖区.csv')
  // The importer's reason, worded in Chinese from its code (the API also sends the English).
  expect(await rejected.getByRole('row').nth(1).textContent()).toContain('“abc” 不是数字')
}

describe('web admin', () => {
  test('edit hours with the helper, see the history, undo; a stale save is refused', async () => {
    const original = (await stationNow()).properties.openingHours
    const page = await openAdmin(DESKTOP)
    await signIn(page, 'desktop')
    await openStation(page)
    await shot(page, 'admin-desktop-2-editor')

    // Monday to Saturday, 07:00–21:00, with the helper.
    for (const day of ['周一', '周二', '周三', '周四', '周五', '周六'])
      await page.getByRole('checkbox', { name: day }).check()
    await page.getByRole('checkbox', { name: '周日' }).uncheck()
    await page.getByLabel('从', { exact: true }).fill('07:00')
    await page.getByLabel('至', { exact: true }).fill('21:00')
    await expect
      .poll(() => page.locator('.admin-times output').textContent())
      .toContain('Mo-Sa 07:00-21:00')
    await page.getByRole('button', { name: '使用此时间' }).click()
    expect(await page.getByLabel('或直接编辑 opening_hours 字符串：').inputValue()).toBe(
      'Mo-Sa 07:00-21:00',
    )
    await page.getByRole('button', { name: '保存', exact: true }).click()
    await expect.poll(() => page.getByText('已保存。').count()).toBe(1)
    expect((await stationNow()).properties.openingHours).toBe('Mo-Sa 07:00-21:00')

    // The history names the change; undo puts the old hours back.
    const history = page.locator('.admin-history')
    await expect.poll(() => history.getByText('修改', { exact: true }).count()).toBe(1)
    expect(await history.textContent()).toContain('openingHours')
    await history.getByRole('button', { name: '撤销' }).first().click()
    await expect.poll(async () => (await stationNow()).properties.openingHours).toBe(original)
    await expect.poll(() => history.getByRole('listitem').count()).toBe(2)
    expect(await page.getByLabel('或直接编辑 opening_hours 字符串：').inputValue()).toBe(
      original ?? '',
    )

    // A bad string is refused before it is sent, with the shared validator's message.
    await page.getByLabel('或直接编辑 opening_hours 字符串：').fill('whenever')
    await page.getByRole('button', { name: '保存', exact: true }).click()
    await expect
      .poll(() => page.locator('.admin-hours .admin-field-error').textContent())
      .toContain('not valid opening_hours syntax')
    expect((await stationNow()).properties.openingHours).toBe(original)

    // Another client renames the station; this page's save is then refused with a 412.
    const read = await fetch(`${server.baseUrl}/api/stations/${station.id}`)
    const renamed = `${station.properties.name}（他人改名）`
    const other = await fetch(`${server.baseUrl}/api/stations/${station.id}`, {
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'if-match': read.headers.get('etag')!,
      },
      body: JSON.stringify({ name: renamed }),
    })
    expect(other.status).toBe(200)
    await page.getByLabel('或直接编辑 opening_hours 字符串：').fill('Mo-Fr 09:00-17:00')
    await page.getByRole('button', { name: '保存', exact: true }).click()
    await expect.poll(() => page.getByText(/已被他人修改/).count()).toBe(1)
    expect((await stationNow()).properties.openingHours).toBe(original)
    await page.getByRole('button', { name: '重新载入' }).click()
    await expect.poll(() => page.getByLabel('名称', { exact: true }).inputValue()).toBe(renamed)

    await dryRunImport(page)
    await shot(page, 'admin-desktop-3-import-report')
    await page.context().close()
  }, 120_000)

  test('on a phone: sign in, the editor with its map, an import report', async () => {
    const page = await openAdmin(PHONE)
    await signIn(page, 'phone')
    await openStation(page)
    // The map sits below the form on a phone.
    await page.locator('.admin-map').scrollIntoViewIfNeeded()
    await shot(page, 'admin-phone-2-editor')
    await dryRunImport(page)
    await shot(page, 'admin-phone-3-import-report')
    await page.context().close()
  }, 120_000)
})
