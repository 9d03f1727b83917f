// A clone with nothing beside it must build, test and benchmark: no tracked file may reach for
// a folder beside the repository, and the vendored OpenAPI documents must be the ones read.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SPEC_FILES } from '../helpers/openapi-spec.js';

const root = new URL('../../', import.meta.url);
const rootDir = resolve(fileURLToPath(root));
const tracked = execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' })
  .split('\n')
  .filter((f) => /\.(ts|js|json|yaml|yml|sh|md)$/.test(f) || f.startsWith('.ci/'))
  .filter((f) => !f.startsWith('spec/') && f !== 'package-lock.json');

/** Relative paths that climb out of their file's folder: `../x`, `../../x/y` … */
const CLIMBING = /(?:\.\.\/)+[\w@-][\w@.-]*/g;

/** The relative paths in `file` that lead outside the repository. */
function outsidePaths(file: string, text: string): string[] {
  const from = dirname(resolve(rootDir, file));
  return [...text.matchAll(CLIMBING)]
    .map((m) => m[0])
    .filter((path) => {
      const target = resolve(from, path);
      return target !== rootDir && !target.startsWith(rootDir + sep);
    });
}

describe('self-contained repository', () => {
  it('no tracked file reads outside the repository', () => {
    const outside = tracked.flatMap((file) =>
      outsidePaths(file, readFileSync(new URL(file, root), 'utf8')).map((p) => `${file}: ${p}`),
    );
    expect(outside).toEqual([]);
  });

  it('would notice a path to a folder beside the repository', () => {
    expect(outsidePaths('README.md', 'see ../elsewhere/api.yaml')).toEqual(['../elsewhere']);
    expect(outsidePaths('test/repo/x.ts', "import '../../src/yoga.js'")).toEqual([]);
  });

  it('the contract tests read the vendored OpenAPI documents', () => {
    for (const url of Object.values(SPEC_FILES)) {
      expect(url.pathname).toContain('/spec/linq/');
      expect(readFileSync(url).length).toBeGreaterThan(10_000);
    }
  });
});
