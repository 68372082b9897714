/** Date and time as a Zhejiang editor reads them (Asia/Shanghai), whatever the browser's zone. */
export const shanghaiTimeFormat = (lang: string) =>
  new Intl.DateTimeFormat(lang, {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: 'Asia/Shanghai',
  })
