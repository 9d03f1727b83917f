/**
 * Runs the sandbox standalone: `npx tsx src/sandbox/main.ts`.
 * Env: PORT (default 4010), HOST (default 127.0.0.1), LINQ_SANDBOX_FAULTS (JSON array of
 * FaultRule), LINQ_SANDBOX_SEED (integer).
 */
import { parseFaultRules } from './http/faults.js';
import { startSandbox } from './index.js';

try {
  const seed = process.env.LINQ_SANDBOX_SEED;
  const sandbox = await startSandbox({
    port: Number(process.env.PORT ?? 4010),
    host: process.env.HOST ?? '127.0.0.1',
    faults: parseFaultRules(process.env.LINQ_SANDBOX_FAULTS),
    ...(seed ? { seed: Number(seed) } : {}),
  });
  const f = sandbox.store.fixtures();
  console.log(`Linq sandbox listening on ${sandbox.url}`);
  console.log(`  v2: ${sandbox.url}/api/partner/v2  (X-LINQ-INTEGRATION-TOKEN: ${f.primaryToken})`);
  console.log(`  v3: ${sandbox.url}/api/partner/v3  (Authorization: Bearer ${f.primaryToken})`);
  console.log(`  numbers: ${f.primaryPhones.join(', ')}; other account: ${f.otherPhone}`);
  console.log(`  control: ${sandbox.url}/__sandbox/{info,requests,reset,faults}`);
  const stop = () => void sandbox.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
