/**
 * Limits of the file uploads of one request (multipart requests): read by the body cap
 * (plugins/use-uploads.ts) and by the send mutation's upload sources (schema/mutations).
 */
export interface UploadLimits {
  /** Largest single file, in bytes. @default 100 MiB */
  maxFileSize: number;
  /** Most files in one request. @default 10 */
  maxFiles: number;
  /** Most file bytes of one mutation (all its files together). @default 200 MiB */
  maxTotalSize: number;
}

const MiB = 1024 * 1024;

/** Largest body of a request that is not a multipart upload: Yoga's own default. */
export const DEFAULT_MAX_BODY_SIZE = 25_000_000;

export const DEFAULT_UPLOAD_LIMITS: UploadLimits = Object.freeze({
  maxFileSize: 100 * MiB,
  maxFiles: 10,
  maxTotalSize: 200 * MiB,
});
