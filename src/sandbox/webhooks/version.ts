/** The v3 payload version a target URL asks for (`?version=YYYY-MM-DD`), else the newest. */
import type { WebhookVersion } from './types.js';

/**
 * Linq picks by creation date when the URL has no version; every sandbox subscription is
 * "created today", so it gets 2026-02-03. Dates between the two versions pick the older one.
 */
export function versionOf(url: string): WebhookVersion {
  let requested: string | null = null;
  try {
    requested = new URL(url).searchParams.get('version');
  } catch {
    return '2026-02-03';
  }
  if (requested === null) return '2026-02-03';
  return requested >= '2026-02-03' ? '2026-02-03' : '2025-01-01';
}

/** True when `?version=` is absent or a YYYY-MM-DD date. */
export function validVersionParam(url: string): boolean {
  try {
    const v = new URL(url).searchParams.get('version');
    return v === null || /^\d{4}-\d{2}-\d{2}$/.test(v);
  } catch {
    return false;
  }
}
