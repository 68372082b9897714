import { isUtf8 } from 'node:buffer'
import iconv from 'iconv-lite'
import { TableError } from './table.ts'

/**
 * Register files as text. Unions' files are UTF-8 (with or without a BOM) or, from older
 * Windows tools, GBK/GB18030 (or UTF-16 with its BOM: Excel's "Unicode text"). Strict UTF-8 validation fails on almost any GBK text, so it is tried
 * first; GB18030 (a superset of GBK) decodes nearly anything, so its result must also look like
 * text: no replacement characters, control bytes or private-use characters (where GBK's
 * user-defined area lands).
 */

export interface DecodedText {
  text: string
  /** 'utf-8' or the iconv-lite name used. */
  encoding: string
}

const UTF8_BOM = [0xef, 0xbb, 0xbf]
// Control characters other than tab and line ends, the replacement character, private use.
// eslint-disable-next-line no-control-regex -- finding control bytes is the point
const IMPLAUSIBLE = /[\uFFFD\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uE000-\uF8FF]/

export function decodeText(bytes: Uint8Array, encoding?: string): DecodedText {
  const decoded = decodeWhole(bytes, encoding)
  // A leading BOM is gone by now, so any left was in the middle. In GBK bytes, EF BB BF can
  // be two characters, so there only a BOM starting a line counts.
  const inner = decoded.text.indexOf('\uFEFF')
  const innerBytes = decoded.encoding === 'gb18030' ? lineStartBom(bytes) : -1
  if (inner >= 0 || innerBytes >= 0) {
    const where = inner >= 0 ? `character ${inner}` : `byte ${innerBytes}`
    throw new TableError(`a byte-order mark in the middle (${where}): two files joined into one?`)
  }
  return decoded
}

function decodeWhole(bytes: Uint8Array, encoding: string | undefined): DecodedText {
  if (encoding !== undefined) return { text: decodeAs(bytes, encoding), encoding }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: decodeAs(bytes, 'utf-16le'), encoding: 'utf-16le' }
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: decodeAs(bytes, 'utf-16be'), encoding: 'utf-16be' }
  }
  // isUtf8 validates strictly, as TextDecoder's fatal mode does, but many times faster.
  if (isUtf8(bytes)) {
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, encoding: 'utf-8' }
  }
  const text = decodeAs(bytes, 'gb18030')
  const bad = IMPLAUSIBLE.exec(text)
  if (bad) {
    throw new TableError(
      `neither UTF-8 nor GBK/GB18030 text (character ${bad.index} would be ` +
        `U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}); ` +
        'give the encoding if it is another one',
    )
  }
  return { text, encoding: 'gb18030' }
}

function decodeAs(bytes: Uint8Array, encoding: string): string {
  if (!iconv.encodingExists(encoding)) throw new TableError(`unknown encoding "${encoding}"`)
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  return iconv.decode(buffer, encoding, { stripBOM: true })
}

function lineStartBom(bytes: Uint8Array): number {
  let i = bytes.indexOf(UTF8_BOM[0]!, 1)
  while (i >= 0 && i + 2 < bytes.length) {
    const lineStart = bytes[i - 1] === 0x0a || bytes[i - 1] === 0x0d
    if (lineStart && bytes[i + 1] === UTF8_BOM[1] && bytes[i + 2] === UTF8_BOM[2]) return i
    i = bytes.indexOf(UTF8_BOM[0]!, i + 1)
  }
  return -1
}
