import { Writable } from 'node:stream'

/**
 * A web stream fed by a producer that writes to a Node `Writable` (exceljs's streaming
 * writer). Backpressure comes from the consumer: a write is acknowledged only once the
 * stream wants more. After a cancel, writes are dropped and acknowledged so the producer
 * finishes quietly; `Readable.toWeb` instead throws "Controller is already closed" from a
 * stream event when a client goes away mid-answer.
 */
export function writerStream(
  produce: (sink: Writable) => Promise<void>,
): ReadableStream<Uint8Array> {
  let cancelled = false
  let waiting: (() => void) | null = null
  const resume = () => {
    const next = waiting
    waiting = null
    next?.()
  }
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const sink = new Writable({
          write(chunk: Buffer, _encoding, done) {
            if (cancelled) return done()
            controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength))
            if ((controller.desiredSize ?? 0) > 0) done()
            else waiting = done
          },
        })
        const close = () => cancelled || controller.close()
        produce(sink).then(
          () => {
            // The producer may have ended the sink itself (exceljs does, on commit).
            if (sink.writableFinished) close()
            else sink.end(close)
          },
          (err: unknown) => cancelled || controller.error(err),
        )
      },
      pull: resume,
      cancel() {
        cancelled = true
        resume()
      },
    },
    { highWaterMark: 4 },
  )
}
