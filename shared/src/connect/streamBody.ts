// A download's body as a web stream whose errors are the client's own, and a way to read it whole.
import type { Readable } from "node:stream";

/**
 * Wraps a Node body as a web stream; every error it raises (a stall, a cut, an abort) goes through
 * `mapError` first, so a caller never sees a raw undici error. Cancelling the stream frees the connection.
 */
export function mapStreamErrors(
  body: Readable,
  mapError: (error: unknown) => unknown,
): ReadableStream<Uint8Array> {
  const chunks = body[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) controller.close();
        else
          controller.enqueue(new Uint8Array(next.value.buffer, next.value.byteOffset, next.value.byteLength));
      } catch (error) {
        controller.error(mapError(error));
      }
    },
    async cancel() {
      body.destroy();
      await chunks.return?.();
    },
  });
}

/** Reads a stream to its end; rejects with the stream's own error. */
export async function readWhole(stream: ReadableStream<Uint8Array>): Promise<ArrayBuffer> {
  const parts: Uint8Array[] = [];
  let length = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    length += value.byteLength;
  }
  const whole = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    whole.set(part, offset);
    offset += part.byteLength;
  }
  return whole.buffer;
}
