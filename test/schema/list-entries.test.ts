// One entry per requested item in every list-returning root field, under both executors
// (graphql-jit appended the null of a failed item instead of placing it at its index).
import { getNullableType, isListType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.js';
import { encodeNodeId } from '../../src/schema/relay/global-id.js';
import { post, type ExecuteResult } from '../helpers/graphql.js';
import { startRig, type Rig } from '../helpers/rig.js';

let rig: Rig;
beforeAll(async () => {
  rig = await startRig({ dialect: 'v3' });
});
afterAll(() => rig.close());

type Body = Pick<ExecuteResult<Record<string, unknown[] | null>>, 'data' | 'errors'>;
type Run = (query: string, variables?: Record<string, unknown>) => Promise<Body>;

const executor = (jit: boolean): Run => {
  const yoga = rig.yogaWith({ jit });
  return async (query, variables = {}) => {
    const { data, errors } = await post<Body['data']>(yoga, query, variables);
    return { data, errors };
  };
};

const ids = () => {
  const f = rig.fixtures;
  return {
    mine: encodeNodeId('v3', 'Chat', f.bigChat.uuid),
    // Another account's chat: NOT_FOUND for this token (fails after an upstream read).
    foreign: encodeNodeId('v3', 'Chat', f.otherChat.uuid),
    malformed: 'not-an-id',
  };
};

/** Each list-returning root field: what it is asked, and how many entries it must answer. */
const CASES: Record<string, (run: Run) => Promise<void>> = {
  async nodes(run) {
    const { mine, foreign, malformed } = ids();
    const query = 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }';
    for (const list of [
      [foreign, foreign, mine],
      [mine, mine, malformed],
      [malformed, foreign, mine, mine],
    ]) {
      const body = await run(query, { ids: list });
      const entries = body.data?.nodes ?? [];
      expect(entries).toHaveLength(list.length);
      entries.forEach((entry, i) => expect(entry).toEqual(list[i] === mine ? { id: mine } : null));
      const failed = list.flatMap((id, i) => (id === mine ? [] : [i]));
      expect(body.errors?.map((e) => e.path?.[1]).sort()).toEqual(failed);
    }
  },
  async _entities(run) {
    const { mine, foreign, malformed } = ids();
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Chat { id } } }`;
    for (const list of [
      [foreign, foreign, mine],
      [mine, mine, malformed],
    ]) {
      const body = await run(query, { r: list.map((id) => ({ __typename: 'Chat', id })) });
      const entries = body.data?._entities ?? [];
      expect(entries).toHaveLength(list.length);
      entries.forEach((entry, i) => expect(entry).toEqual(list[i] === mine ? { id: mine } : null));
    }
  },
  async phoneNumbers(run) {
    const body = await run('{ phoneNumbers { number } }');
    const numbers = rig.fixtures.primaryPhones;
    expect(body.data?.phoneNumbers).toEqual(numbers.map((number) => ({ number })));
  },
};

describe('list-returning root fields', () => {
  it('has a case for every one of them', () => {
    const fields = Object.values(schema.getQueryType()!.getFields());
    const lists = fields.filter((f) => isListType(getNullableType(f.type))).map((f) => f.name);
    expect(lists.sort()).toEqual(Object.keys(CASES).sort());
  });

  for (const jit of [true, false]) {
    for (const [field, check] of Object.entries(CASES)) {
      it(`${field}: one entry per item (${jit ? 'graphql-jit' : 'graphql-js'})`, async () => {
        await check(executor(jit));
      });
    }
  }
});
