import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('loadConfig', () => {
  it('defaults to the embedded sandbox, v3, port 4000 and GraphiQL in development', () => {
    const config = loadConfig({});
    expect(config.port).toBe(4000);
    expect(config.upstream.baseUrl).toBeNull();
    expect(config.upstream.dialect).toBe('v3');
    expect(config.graphiql).toBe(true);
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.upstream)).toBe(true);
  });

  it('turns GraphiQL off in production unless asked for', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).graphiql).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', GRAPHIQL: 'true' }).graphiql).toBe(true);
  });

  it('reads the real upstream settings and trims a trailing slash', () => {
    const config = loadConfig({
      LINQ_BASE_URL: 'https://api.linqapp.com/',
      LINQ_API_VERSION: 'v2',
      LINQ_TOKEN: 'tok',
      LINQ_MAX_RETRIES: '0',
    });
    expect(config.upstream).toMatchObject({
      baseUrl: 'https://api.linqapp.com',
      dialect: 'v2',
      token: 'tok',
      maxRetries: 0,
    });
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ PORT: '', LINQ_BASE_URL: '  ' }).port).toBe(4000);
  });

  it('lists every problem at once and never echoes a value', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        LINQ_API_VERSION: 'v9',
        LINQ_BASE_URL: 'ftp://secret-host-value',
        LINQ_MAX_RETRIES: '99',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'LINQ_API_VERSION',
      'LINQ_BASE_URL',
      'LINQ_MAX_RETRIES',
      'PORT',
    ]);
    expect((error as ConfigError).message).not.toContain('secret-host-value');
  });
});

describe('LINQ_SANDBOX_FAULTS', () => {
  it('parses fault rules for the embedded sandbox', () => {
    const rules = [{ route: 'GET /v3/chats', times: 1, fault: { type: 'status', status: 503 } }];
    const config = loadConfig({ LINQ_SANDBOX_FAULTS: JSON.stringify(rules) });
    expect(config.sandbox.faults).toEqual(rules);
  });

  it('rejects malformed rules with a config error naming the setting', () => {
    expect(() => loadConfig({ LINQ_SANDBOX_FAULTS: '{not json' })).toThrow(/LINQ_SANDBOX_FAULTS/);
    expect(() =>
      loadConfig({ LINQ_SANDBOX_FAULTS: '[{"route":"*","fault":{"type":"explode"}}]' }),
    ).toThrow(ConfigError);
  });
});
