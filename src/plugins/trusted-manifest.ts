/** The trusted-documents manifest file: `{ "<operation id>": "<document text>" }`. */

export class TrustedDocumentsError extends Error {}

/** `{ "id": "query …" }` (codegen and Relay); throws on any other shape. */
export function parseManifest(json: string): Map<string, string> {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new TrustedDocumentsError('the manifest is not valid JSON');
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new TrustedDocumentsError('the manifest must be an object of id → document');
  }
  const manifest = new Map<string, string>();
  for (const [id, text] of Object.entries(raw)) {
    if (typeof text !== 'string') throw new TrustedDocumentsError(`"${id}" is not a string`);
    manifest.set(id, text);
  }
  return manifest;
}
