import fs from 'node:fs'

const CHUNK = 64 * 1024

/**
 * Bytes `start`…`end` (inclusive) of a file as a web stream that reads only when the
 * consumer pulls, and closes the file when cancelled. Node 20's `Readable.toWeb` keeps
 * pushing after a cancel and throws "Controller is already closed" from a stream event,
 * which nothing can catch; a pull source has no such race.
 */
export function fileRangeStream(
  file: string,
  start: number,
  end: number,
): ReadableStream<Uint8Array> {
  let handle: fs.promises.FileHandle | null = null
  let position = start
  const close = async () => {
    const open = handle
    handle = null
    await open?.close()
  }
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        handle ??= await fs.promises.open(file, 'r')
        const want = Math.min(CHUNK, end - position + 1)
        const { bytesRead, buffer } = await handle.read(new Uint8Array(want), 0, want, position)
        if (bytesRead === 0) {
          await close()
          controller.error(new Error(`${file} ended at byte ${position}, before ${end}`))
          return
        }
        position += bytesRead
        controller.enqueue(bytesRead === want ? buffer : buffer.subarray(0, bytesRead))
        if (position > end) {
          await close()
          controller.close()
        }
      },
      cancel: close,
    },
    { highWaterMark: 0 },
  )
}
