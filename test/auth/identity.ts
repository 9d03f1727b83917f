/**
 * Identity fixtures for the auth tests: an identity provider (a real JWKS server on port 0,
 * keys generated per run, rotatable) that signs tokens, and API keys with their table.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type JWK, type JWTPayload } from 'jose';
import { generateApiKey, hashApiKey } from '../../src/auth/api-keys.js';

export const ISSUER = 'https://idp.test.example';
export const AUDIENCE = 'linq-gateway';

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;
interface SigningKey {
  kid: string;
  alg: string;
  pair: KeyPair;
}

export interface IdentityProvider {
  readonly jwksUrl: string;
  /** Times the JWKS was fetched. */
  fetches(): number;
  /** A key that signs but is not (yet) published. */
  addUnpublishedKey(kid: string): Promise<void>;
  /** Publishes a key added with addUnpublishedKey (rotation). */
  publish(kid: string): void;
  publicKeyPem(kid?: string): Promise<string>;
  sign(
    claims: JWTPayload,
    options?: { kid?: string; expiresIn?: string | number; issuer?: string; audience?: string },
  ): Promise<string>;
  close(): Promise<void>;
}

export async function startIdentityProvider(): Promise<IdentityProvider> {
  const keys = new Map<string, SigningKey>();
  const published = new Set<string>();
  const add = async (kid: string, alg = 'RS256') => {
    keys.set(kid, { kid, alg, pair: await generateKeyPair(alg, { extractable: true }) });
  };
  await add('key-1');
  published.add('key-1');
  let fetches = 0;
  const server: Server = createServer((req, res) => {
    void (async () => {
      fetches += 1;
      const jwks: JWK[] = [];
      for (const kid of published) {
        const key = keys.get(kid);
        if (key)
          jwks.push({ ...(await exportJWK(key.pair.publicKey)), kid, alg: key.alg, use: 'sig' });
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: jwks }));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    jwksUrl: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    fetches: () => fetches,
    addUnpublishedKey: (kid) => add(kid),
    publish: (kid) => void published.add(kid),
    publicKeyPem: async (kid = 'key-1') => exportSPKI(keys.get(kid)!.pair.publicKey),
    async sign(claims, options = {}) {
      const key = keys.get(options.kid ?? 'key-1');
      if (!key) throw new Error('no such key');
      return new SignJWT(claims)
        .setProtectedHeader({ alg: key.alg, kid: key.kid })
        .setIssuer(options.issuer ?? ISSUER)
        .setAudience(options.audience ?? AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(options.expiresIn ?? '5m')
        .sign(key.pair.privateKey);
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** An unsigned token (`alg: none`), as an attacker would send it. */
export function unsignedToken(claims: JWTPayload): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ iss: ISSUER, aud: AUDIENCE, iat: now, exp: now + 300, ...claims })}.`;
}

export interface ApiKeyCaller {
  name: string;
  phoneNumbers: string[] | '*';
  write: boolean;
  keys: string[];
}

/** Callers with freshly generated keys, and the JSON table that holds only their hashes. */
export function apiKeyTable(
  callers: { name: string; phoneNumbers: string[] | '*'; write: boolean; keyCount?: number }[],
) {
  const withKeys: ApiKeyCaller[] = callers.map((c) => ({
    ...c,
    keys: Array.from({ length: c.keyCount ?? 1 }, () => generateApiKey().key),
  }));
  const table = {
    callers: withKeys.map((c) => ({
      name: c.name,
      phoneNumbers: c.phoneNumbers,
      write: c.write,
      keys: c.keys.map(hashApiKey),
    })),
  };
  return { callers: withKeys, json: JSON.stringify(table) };
}
