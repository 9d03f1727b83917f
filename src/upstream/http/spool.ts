/**
 * Spooling an upload of unknown size to a temporary file, for v3's presign, which needs the size
 * before the bytes: the file is streamed to disk (never held in memory), bounded, measured, and
 * then read back from disk. The file lives in its own private directory (mode 0700) under the
 * OS temporary directory and is removed in every outcome: `release()` after the upload, success
 * or not; a failure, an abort or a file over the bound while spooling removes it at once.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { badInput } from '../errors.js';
import { abortSignalOf } from './deadline.js';
import type { AbortSource, UploadSource } from '../model.js';

export interface Spooled {
  /** The same file, with its measured size, read from the spool file. */
  source: UploadSource & { size: number };
  /** Closes the spool file and removes it (idempotent). */
  release(): Promise<void>;
}

/** Directory name prefix of spool files (tests look for leftovers by it). */
export const SPOOL_PREFIX = 'linq-gateway-upload-';

export async function spoolUpload(
  file: UploadSource,
  maxBytes: number,
  source?: AbortSource,
): Promise<Spooled> {
  // The pipeline takes no other kind of signal.
  const signal = source && abortSignalOf(source);
  // The source may fail while the directory is made: keep that from being unhandled (the
  // pipeline below still sees the destroyed stream and rejects).
  const early = () => {};
  file.stream.on('error', early);
  let dir: string;
  try {
    dir = await mkdtemp(join(tmpdir(), SPOOL_PREFIX));
  } finally {
    file.stream.off('error', early);
  }
  const path = join(dir, 'file');
  const release = () => rm(dir, { recursive: true, force: true });
  let size = 0;
  const measure = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > maxBytes) {
        done(badInput('attachments', `${file.filename} is larger than ${maxBytes} bytes`));
      } else {
        done(null, chunk);
      }
    },
  });
  try {
    await pipeline(
      file.stream,
      measure,
      createWriteStream(path, { mode: 0o600 }),
      signal ? { signal } : {},
    );
  } catch (error) {
    await release();
    throw error;
  }
  const stream = createReadStream(path);
  return {
    source: { filename: file.filename, contentType: file.contentType, size, stream },
    release: async () => {
      stream.destroy(); // still open when the upload failed before reading it all
      await release();
    },
  };
}
