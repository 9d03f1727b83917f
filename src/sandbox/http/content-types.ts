/** SupportedContentType of linq-api-v3.yaml, and a tiny extension → MIME guesser. */

export const SUPPORTED_CONTENT_TYPES = new Set([
  'image/jpeg',
  'image/jpg',
  'image/png',
  'image/gif',
  'image/heic',
  'image/heif',
  'image/tiff',
  'image/bmp',
  'image/x-ms-bmp',
  'video/mp4',
  'video/quicktime',
  'video/mpeg',
  'video/x-m4v',
  'video/3gpp',
  'audio/mpeg',
  'audio/mp3',
  'audio/mp4',
  'audio/x-m4a',
  'audio/m4a',
  'audio/x-caf',
  'audio/wav',
  'audio/x-wav',
  'audio/aiff',
  'audio/x-aiff',
  'audio/aac',
  'audio/x-aac',
  'audio/amr',
  'application/pdf',
  'text/plain',
  'text/markdown',
  'text/vcard',
  'text/x-vcard',
  'text/rtf',
  'application/rtf',
  'text/csv',
  'text/html',
  'text/calendar',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.apple.pages',
  'application/x-iwork-pages-sffpages',
  'application/vnd.apple.numbers',
  'application/x-iwork-numbers-sffnumbers',
  'application/vnd.apple.keynote',
  'application/x-iwork-keynote-sffkey',
  'application/epub+zip',
  'application/zip',
  'application/x-zip-compressed',
]);

const BY_EXTENSION: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  heic: 'image/heic',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  m4a: 'audio/x-m4a',
  mp3: 'audio/mpeg',
  pdf: 'application/pdf',
  txt: 'text/plain',
  csv: 'text/csv',
  vcf: 'text/vcard',
  zip: 'application/zip',
  html: 'text/html',
};

export function guessMime(filename: string): string {
  const ext = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase() ?? '';
  return BY_EXTENSION[ext] ?? 'application/octet-stream';
}

export function basename(url: string): string {
  try {
    const name = new URL(url).pathname.split('/').filter(Boolean).pop();
    return name ? decodeURIComponent(name) : 'file';
  } catch {
    return 'file';
  }
}
