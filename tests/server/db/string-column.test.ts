import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  columnBuffers,
  containsText,
  stringAt,
  stringColumn,
} from '../../../server/db/string-column.ts'

// Well-formed strings (as SQLite's UTF-8 text gives), with the empty string, CJK and emoji.
const text = fc.string({ unit: fc.constantFrom('a', 'b', '驿', '站', '😀', '\n', ' ') })

describe('stringColumn', () => {
  it('gives back every string after its buffers moved to another thread', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme' })), (values) => {
        const column = stringColumn(values)
        const moved = structuredClone(column, { transfer: columnBuffers(column) })
        expect(column.bytes.length).toBe(0) // moved, not copied
        expect(values.map((_, i) => stringAt(moved, i))).toEqual(values)
      }),
    )
  })

  it('finds a text in row i exactly where String.includes does', () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1 }), text, (values, needle) => {
        const has = containsText(stringColumn(values), needle)
        expect(values.map((_, i) => has(i))).toEqual(values.map((v) => v.includes(needle)))
      }),
    )
  })

  it('matches no row with a text holding a lone surrogate', () => {
    // Its UTF-8 form would be U+FFFD's bytes: it must not match a row that has U+FFFD.
    const has = containsText(stringColumn(['a\uFFFDb']), '\uD800')
    expect(has(0)).toBe(false)
  })
})
