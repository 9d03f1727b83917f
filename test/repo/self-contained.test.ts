// A clone with nothing beside it must build, test and benchmark: no tracked file may reach for
// a folder beside the repository, and the vendored OpenAPI documents must be the ones read.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SPEC_FILES } from '../helpers/openapi-spec.js';

const root = new URL('../../', import.meta.url);
const tracked = execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' })
  .split('\n')
  .filter((f) => /\.(ts|js|json|yaml|yml|sh|md)$/.test(f) || f.startsWith('.ci/'))
  .filter((f) => !f.startsWith('spec/') && f !== 'package-lock.json');

// Built from parts so this file does not name the folder itself.
const SHARED = ['shared', ''].join('/');
const OUTSIDE = new RegExp(`\\.\\./${SHARED}|${SHARED}linq/`);

describe('self-contained repository', () => {
  it('no tracked file reads outside the repository', () => {
    const outside = tracked.filter((file) => {
      const text = readFileSync(new URL(file, root), 'utf8');
      return OUTSIDE.test(text);
    });
    expect(outside).toEqual([]);
  });

  it('the contract tests read the vendored OpenAPI documents', () => {
    for (const url of Object.values(SPEC_FILES)) {
      expect(url.pathname).toContain('/spec/linq/');
      expect(readFileSync(url).length).toBeGreaterThan(10_000);
    }
  });
});
