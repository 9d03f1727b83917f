/**
 * Prints a new API key and the line to add to the API key table (API_KEYS_FILE / API_KEYS).
 * The key is shown once: give it to the caller; the table keeps only its hash.
 *
 *   npm run api-key -- crm-sync
 */
import { generateApiKey } from '../src/auth/api-keys.js';

const name = process.argv[2] ?? 'my-service';
const { key, hash } = generateApiKey();
console.log(`key (give to "${name}", shown once): ${key}`);
console.log(
  `table entry: ${JSON.stringify({ name, phoneNumbers: '*', write: false, keys: [hash] })}`,
);
