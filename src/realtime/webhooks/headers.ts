/** Header access over WHATWG Headers or node:http's IncomingHttpHeaders (case-insensitive). */

export type HeaderSource = Headers | Record<string, string | string[] | undefined>;

/** The first value of a header, trimmed; undefined when absent or empty. */
export function header(headers: HeaderSource, name: string): string | undefined {
  let value: string | string[] | null | undefined;
  if (typeof (headers as Headers).get === 'function') value = (headers as Headers).get(name);
  else {
    const lower = name.toLowerCase();
    const record = headers as Record<string, string | string[] | undefined>;
    value = record[lower];
    if (value === undefined) {
      const key = Object.keys(record).find((k) => k.toLowerCase() === lower);
      value = key === undefined ? undefined : record[key];
    }
  }
  const first = Array.isArray(value) ? value[0] : value;
  const trimmed = first?.trim();
  return trimmed ? trimmed : undefined;
}
