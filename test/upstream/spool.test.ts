// The spool of an upload of unknown size (v3): measured on disk, bounded, removed in every
// outcome (done, over the bound, source error, abort). Real files in a private TMPDIR.
import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { spoolUpload } from '../../src/upstream/http/spool.js';
import { usePrivateSpoolDir } from '../helpers/spool-dir.js';

const { dir: DIR, leftovers } = usePrivateSpoolDir('spool-test-');
const source = (stream: NodeJS.ReadableStream) => ({
  filename: 'a.bin',
  contentType: 'application/octet-stream',
  stream,
});

describe('spoolUpload', () => {
  it('measures the file, reads it back byte for byte, and removes it on release', async () => {
    const chunks = [Buffer.alloc(70_000, 1), Buffer.alloc(5, 2)];
    const spooled = await spoolUpload(source(Readable.from(chunks)), 1_000_000);
    expect(spooled.source.size).toBe(70_005);
    expect(leftovers()).toHaveLength(1);
    const back: Buffer[] = [];
    for await (const chunk of spooled.source.stream as Readable) back.push(chunk as Buffer);
    expect(Buffer.concat(back).equals(Buffer.concat(chunks))).toBe(true);
    await spooled.release();
    await spooled.release();
    expect(leftovers()).toEqual([]);
  });

  it('refuses a file over its bound and leaves nothing', async () => {
    const big = Readable.from([Buffer.alloc(600), Buffer.alloc(600)]);
    await expect(spoolUpload(source(big), 1000)).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    expect(leftovers()).toEqual([]);
  });

  it('leaves nothing when the source fails or the request is aborted', async () => {
    const failing = new PassThrough();
    const failed = spoolUpload(source(failing), 1_000_000);
    failing.write(Buffer.alloc(1000));
    failing.destroy(new Error('client went away'));
    await expect(failed).rejects.toThrow('client went away');
    expect(leftovers()).toEqual([]);

    const slow = new PassThrough();
    const abort = new AbortController();
    const aborted = spoolUpload(source(slow), 1_000_000, abort.signal);
    slow.write(Buffer.alloc(1000));
    abort.abort();
    await expect(aborted).rejects.toThrow();
    expect(leftovers()).toEqual([]);
  });

  it('writes the spool file readable by the process only', async () => {
    const spooled = await spoolUpload(source(Readable.from([Buffer.from('x')])), 10);
    const [dir] = leftovers();
    expect(statSync(join(DIR, dir!)).mode & 0o777).toBe(0o700);
    expect(statSync(join(DIR, dir!, 'file')).mode & 0o777).toBe(0o600);
    expect(await readFile(join(DIR, dir!, 'file'), 'utf8')).toBe('x');
    await spooled.release();
  });
});
