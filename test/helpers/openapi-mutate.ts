// Derives spec-invalid request bodies from a valid one: every key dropped and every value replaced
// by a value of the wrong JSON type, at every depth. The harness decides which variants the spec
// rejects; the sandbox must answer each of those with a 4xx error.
import { contractCall, type ContractCall, type Target } from './openapi-client.js';
import { validateRequest } from './openapi.js';

export interface Variant {
  what: string;
  body: unknown;
}

function wrongType(v: unknown): unknown {
  if (typeof v === 'string') return 12345;
  if (typeof v === 'number') return 'not-a-number';
  if (typeof v === 'boolean') return 'yes';
  return 'not-an-object';
}

function setAt(
  root: unknown,
  path: Array<string | number>,
  fn: (parent: Record<string | number, unknown>, key: string | number) => void,
): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let cur = copy;
  for (const k of path.slice(0, -1)) cur = cur[k] as Record<string | number, unknown>;
  fn(cur, path[path.length - 1]!);
  return copy;
}

type Form = Array<[string, string | Blob]>;

function isForm(body: unknown): body is Form {
  return (
    Array.isArray(body) &&
    body.every((e) => Array.isArray(e) && e.length === 2 && typeof e[0] === 'string')
  );
}

/** Form variants: each field dropped, each text field sent as a file and each file as text. */
export function formVariants(form: Form): Variant[] {
  return form.flatMap(([name, value], i) => [
    { what: `${name}: dropped`, body: form.filter((_, j) => j !== i) },
    {
      what: `${name}: ${typeof value === 'string' ? 'sent as a file' : 'sent as text'}`,
      body: form.map((e, j): [string, string | Blob] =>
        j !== i ? e : [name, typeof value === 'string' ? new Blob([value]) : 'text'],
      ),
    },
  ]);
}

/** All single-edit variants of `body` (drop a key / wrong type / empty array). */
export function bodyVariants(body: unknown): Variant[] {
  const out: Variant[] = [];
  const visit = (value: unknown, path: Array<string | number>): void => {
    const where = path.length ? path.join('.') : '(root)';
    if (path.length > 0) {
      out.push({
        what: `${where}: wrong type`,
        body: setAt(body, path, (p, k) => {
          p[k] = wrongType(value);
        }),
      });
      if (typeof path[path.length - 1] === 'string') {
        out.push({
          what: `${where}: dropped`,
          body: setAt(body, path, (p, k) => {
            delete p[k];
          }),
        });
      }
    }
    if (Array.isArray(value)) {
      if (path.length > 0)
        out.push({
          what: `${where}: empty`,
          body: setAt(body, path, (p, k) => {
            p[k] = [];
          }),
        });
      value.forEach((item, i) => visit(item, [...path, i]));
    } else if (typeof value === 'object' && value !== null) {
      for (const [k, v] of Object.entries(value)) visit(v, [...path, k]);
    }
  };
  visit(body, []);
  return out;
}

export interface Rejection {
  what: string;
  status: number;
  requestErrors: string[];
  responseErrors: string[];
}

/**
 * Sends every spec-invalid variant of the body that `base()` builds; returns the ones the sandbox
 * did not reject properly (status not in `statuses`, or an error body that breaks the spec), and
 * how many were sent. `base()` runs once per variant, so it can create a fresh target resource.
 * `allow` names variants the sandbox accepts on purpose, each with its documented reason.
 */
export async function unrejected(
  target: Target,
  route: string,
  base: () => Promise<Omit<ContractCall, 'route'>>,
  statuses: number[],
  allow: Record<string, string> = {},
): Promise<{ sent: number; bad: Rejection[] }> {
  const bad: Rejection[] = [];
  let sent = 0;
  const first = await base();
  const variants = isForm(first.body) ? formVariants(first.body) : bodyVariants(first.body);
  for (const v of variants) {
    if (allow[v.what] !== undefined) continue;
    const invalid = validateRequest(route, { path: first.path, query: first.query, body: v.body });
    if (invalid.length === 0) continue; // still spec-valid: not a rejection case, do not send
    sent++;
    const call = { ...(sent === 1 ? first : await base()), route, body: v.body };
    const r = await contractCall(target, call);
    if (!statuses.includes(r.status) || r.responseErrors.length > 0) {
      bad.push({
        what: v.what,
        status: r.status,
        requestErrors: r.requestErrors,
        responseErrors: r.responseErrors,
      });
    }
  }
  return { sent, bad };
}
