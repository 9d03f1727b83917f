/**
 * A Readable that emits buffers and upload sources in sequence, with backpressure and without
 * copying: sources are read in flowing mode ('data' + pause/resume), because a Readable's async
 * iterator calls `read()`, which concatenates (copies) whatever is buffered.
 *
 * Each source must yield exactly its declared `size` (when given); otherwise, or when a source
 * fails, this stream fails, which makes undici abort the upstream request. An item can also be
 * a function giving the next items later (a deferred upload): it is called when the stream
 * reaches it, and a rejection fails the stream.
 */
import { Readable } from 'node:stream';
import { ValidationError, badInput } from '../errors.js';
import type { UploadSource } from '../model.js';

export type SequenceItem = Buffer | UploadSource | (() => Promise<SequenceItem[]>);
type Item = SequenceItem;
type Source = NodeJS.ReadableStream & {
  errored?: unknown;
  destroyed?: boolean;
  readableEnded?: boolean;
};

function toBuffer(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  throw new ValidationError('Upload stream yielded a non-binary chunk');
}

export class SequenceStream extends Readable {
  readonly #items: Item[];
  #current: Source | null = null;
  #detach: (() => void) | null = null;
  #loading = false;

  constructor(items: Item[]) {
    super();
    this.#items = [...items];
  }

  override _read(): void {
    if (this.#loading) return;
    if (this.#current) this.#current.resume();
    else this.#next();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.#detach?.();
    callback(error);
  }

  #next(): void {
    for (let item = this.#items.shift(); item !== undefined; item = this.#items.shift()) {
      if (Buffer.isBuffer(item)) {
        if (!this.push(item)) return;
        continue;
      }
      if (typeof item === 'function') return this.#load(item);
      this.#follow(item);
      return;
    }
    this.push(null);
  }

  #load(later: () => Promise<Item[]>): void {
    this.#loading = true;
    later().then(
      (items) => {
        this.#loading = false;
        if (this.destroyed) return;
        this.#items.unshift(...items);
        this.#next();
      },
      (error: unknown) => {
        this.#loading = false;
        this.destroy(error instanceof Error ? error : new Error('deferred upload failed'));
      },
    );
  }

  #follow(file: UploadSource): void {
    const src = file.stream as Source;
    if (src.errored) return void this.destroy(src.errored as Error);
    if (src.destroyed && !src.readableEnded) {
      return void this.destroy(badInput('attachments', `upload ${file.filename} was closed early`));
    }
    let sent = 0;
    const fail = (error: Error) => {
      this.#detach?.();
      this.destroy(error);
    };
    const onData = (chunk: unknown) => {
      let buf: Buffer;
      try {
        buf = toBuffer(chunk);
      } catch (error) {
        return fail(error as Error);
      }
      sent += buf.length;
      if (file.size !== undefined && sent > file.size) {
        return fail(badInput('size', `upload ${file.filename} is larger than its declared size`));
      }
      if (!this.push(buf)) src.pause();
    };
    const onEnd = () => {
      this.#detach?.();
      if (file.size !== undefined && sent !== file.size) {
        return fail(badInput('size', `upload ${file.filename} is smaller than its declared size`));
      }
      this.#next();
    };
    const onError = (error: unknown) =>
      fail(error instanceof Error ? error : new Error('upload stream failed'));
    const onClose = () => fail(badInput('attachments', `upload ${file.filename} was closed early`));
    src.on('data', onData);
    src.once('end', onEnd);
    src.once('error', onError);
    src.once('close', onClose);
    this.#current = src;
    this.#detach = () => {
      src.removeListener('data', onData);
      src.removeListener('end', onEnd);
      src.removeListener('error', onError);
      src.removeListener('close', onClose);
      this.#current = null;
      this.#detach = null;
    };
  }
}
