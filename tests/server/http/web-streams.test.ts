import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { fileRangeStream } from '../../../server/http/file-range-stream.ts'
import { writerStream } from '../../../server/http/writer-stream.ts'

// The two web-stream sources answers are built from. Both are cancelled the way a client that
// goes away cancels them; Readable.toWeb threw "Controller is already closed" from a stream
// event in that case (3 in 800 cancels here), which fails the whole test run as unhandled.

let dir: string
let file: string
let bytes: Buffer
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waystation-streams-'))
  file = path.join(dir, 'data.bin')
  bytes = crypto.randomBytes(300_000)
  fs.writeFileSync(file, bytes)
})
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

const collect = async (stream: ReadableStream<Uint8Array>) =>
  Buffer.from(await new Response(stream).arrayBuffer())

describe('fileRangeStream', () => {
  test('gives exactly the bytes of the range asked for', async () => {
    for (const [start, end] of [
      [0, bytes.length - 1],
      [0, 0],
      [65_535, 65_536],
      [100_001, 299_998],
      [bytes.length - 1, bytes.length - 1],
    ] as const) {
      expect(
        (await collect(fileRangeStream(file, start, end))).equals(bytes.subarray(start, end + 1)),
      ).toBe(true)
    }
  })

  test('fails the stream, not the process, when the file is shorter than the range', async () => {
    await expect(collect(fileRangeStream(file, 0, bytes.length + 10))).rejects.toThrow(
      /ended at byte/,
    )
  })

  test('is cancelled mid-file without a stray enqueue, and closes the file', async () => {
    const before = fs.readdirSync('/proc/self/fd').length
    for (let round = 0; round < 200; round++) {
      const readers = Array.from({ length: 4 }, () =>
        fileRangeStream(file, 0, bytes.length - 1).getReader(),
      )
      for (const reader of readers) expect((await reader.read()).value!.length).toBeGreaterThan(0)
      for (const reader of readers) await reader.cancel()
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(fs.readdirSync('/proc/self/fd').length).toBeLessThanOrEqual(before + 2)
  })
})

describe('writerStream', () => {
  const produceAll = (chunks: number) =>
    writerStream(async (sink) => {
      for (let i = 0; i < chunks; i++) {
        const chunk = bytes.subarray(i * 1000, (i + 1) * 1000)
        if (!sink.write(chunk)) await new Promise((resolve) => sink.once('drain', resolve))
      }
    })

  test('passes every byte through in order, whether or not the producer ends the sink', async () => {
    expect((await collect(produceAll(300))).equals(bytes)).toBe(true)
    const ending = writerStream(async (sink) => {
      await new Promise<void>((resolve) => sink.end(bytes.subarray(0, 10), resolve))
    })
    expect((await collect(ending)).equals(bytes.subarray(0, 10))).toBe(true)
  })

  test('holds the producer back until the consumer reads', async () => {
    let written = 0
    const stream = writerStream(async (sink) => {
      for (let i = 0; i < 300; i++) {
        written++
        if (!sink.write(bytes.subarray(0, 1000)))
          await new Promise((resolve) => sink.once('drain', resolve))
      }
    })
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(written).toBeLessThan(40)
    await stream.cancel()
  })

  test('lets the producer finish quietly after a cancel', async () => {
    for (let round = 0; round < 100; round++) {
      const reader = produceAll(300).getReader()
      await reader.read()
      await reader.cancel()
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  })

  test('fails the stream with the producer’s error', async () => {
    const failing = writerStream(async (sink) => {
      sink.write(bytes.subarray(0, 10))
      throw new Error('page 3 could not be read')
    })
    await expect(collect(failing)).rejects.toThrow('page 3 could not be read')
  })
})
