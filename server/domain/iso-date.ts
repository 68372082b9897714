/**
 * The one reading of a calendar date, YYYY-MM-DD (proleptic Gregorian), for the API's date
 * parameters (IsoDateSchema) and the web app's URL state alike. Plain code rather than a zod
 * schema, so the finder can use it without shipping zod to the phone.
 */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value)
  if (!m) return false
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (month < 1 || month > 12 || day < 1) return false
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!
  return day <= days
}
