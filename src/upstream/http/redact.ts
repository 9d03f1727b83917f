/**
 * Secret scrubbing for every string that leaves the adapter (error messages, field details, log
 * fields). Upstream error bodies are untrusted and may echo the caller's token back.
 */

const REDACTED = '[redacted]';

/** The variants of one secret that could appear in an upstream string. */
function variants(secret: string): string[] {
  const out = new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]);
  return [...out].filter((v) => v.length > 0);
}

export class Redactor {
  readonly #needles: string[];

  constructor(secrets: ReadonlyArray<string | null | undefined>) {
    const all = secrets.flatMap((s) => (typeof s === 'string' && s.length > 0 ? variants(s) : []));
    // Longest first, so a token that contains another token is removed whole.
    this.#needles = [...new Set(all)].sort((a, b) => b.length - a.length);
  }

  scrub(text: string): string {
    let out = text;
    for (const needle of this.#needles) out = out.split(needle).join(REDACTED);
    return out;
  }

  /** A redactor that also scrubs `more` (e.g. the per-call token). */
  with(...more: ReadonlyArray<string | null | undefined>): Redactor {
    return new Redactor([...this.#needles, ...more]);
  }
}
