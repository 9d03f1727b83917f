// OpenAPI contract harness for the Linq specs in spec/linq (see openapi-spec.ts for loading,
// openapi-transform.ts for the `nullable` handling and strictness, openapi-validate.ts for checks).
//
//   validateRequest('POST /v3/chats/{chatId}/messages', { path, query, headers, body }) → string[]
//   validateResponse('GET /api/partner/v2/chats/{chat_id}', 200, 'application/json', json)
//     → string[]
//   listOperations('v3') → every operation of the v3 document
//
// Policies beyond plain JSON Schema, all deliberate:
// - Requests: undeclared query parameters and undeclared multipart field names are errors (they
//   are typos in a client; JSON Schema alone would allow them). A `format: binary` form field must
//   be a file and every other field a text value.
// - Responses: an undeclared status fails unless it is a generic error documented for the dialect
//   (see GENERIC), which is then checked against the dialect's error schema (v2 Error, v3
//   ErrorResponse). With `strict`, invented fields (and, for v2, missing declared fields) fail.
// - Documented spec gaps are patched or relaxed narrowly, each with its reason, in
//   openapi-transform.ts (`nullable` in the 3.1 file) and openapi-spec.ts (SPEC GAPS).
export { listOperations, dialectOf, rawSpecs, GENERIC } from './openapi-spec.js';
export type { Dialect, Operation } from './openapi-spec.js';
export { validateRequest, validateResponse, declaredStatuses } from './openapi-validate.js';
export type { RequestInput, ResponseOptions, QueryValue } from './openapi-validate.js';
export type { FormEntries } from './openapi-multipart.js';
export type { Strictness } from './openapi-transform.js';
