/** createGateway wiring: GraphiQL on/off (served offline) and the endpoint. */
import { describe, expect, it } from 'vitest';
import { useRig } from '../helpers/rig.js';

describe('createGateway', () => {
  const t = useRig();

  // `graphiql: undefined` leaves createGateway's own default in place.
  const page = (graphiql?: boolean) =>
    t.rig.yogaWith({ graphiql }).fetch('http://gateway.test/graphql', {
      headers: { accept: 'text/html' },
    });

  it('serves GraphiQL by default, with assets from the gateway itself', async () => {
    const response = await page();
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('/graphql/graphiql/graphiql.js');
    expect(html).not.toMatch(/unpkg|jsdelivr|cdn\./);
  });

  it('graphiql: false serves no page', async () => {
    const response = await page(false);
    expect(response.headers.get('content-type') ?? '').not.toContain('text/html');
  });
});
