/**
 * Fields marked OBJECTS_ONLY (src/schema/loading/objects-only.ts) keep their own resolver: the
 * dataloader plugin's wrapper is skipped, and so is list settling. A builder where the skip
 * would also drop another plugin's resolver wrapping is refused.
 */
import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import ErrorsPlugin from '@pothos/plugin-errors';
import { type GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import ObjectsOnlyPlugin, { OBJECTS_ONLY } from '../../src/schema/loading/objects-only.js';
import { settleListItems } from '../../src/schema/loading/settle-list-items.js';
import { schema } from '../../src/schema/index.js';

interface Item {
  id: string;
}

function buildWith(plugins: 'dataloader' | 'errors') {
  const builder = new SchemaBuilder<{ Context: object }>({
    plugins:
      plugins === 'dataloader'
        ? [ObjectsOnlyPlugin, DataloaderPlugin]
        : [ObjectsOnlyPlugin, DataloaderPlugin, ErrorsPlugin],
  });
  const ItemRef = builder.loadableObject('Item', {
    load: (ids: string[]) => Promise.resolve(ids.map((id) => ({ id }))),
    fields: (t) => ({ id: t.exposeID('id') }),
  });
  const items = (): Item[] => [{ id: 'a' }, { id: 'b' }];
  builder.queryType({
    fields: (t) => ({
      marked: t.field({ type: [ItemRef], extensions: OBJECTS_ONLY, resolve: items }),
      unmarked: t.field({ type: [ItemRef], resolve: items }),
    }),
  });
  return { toSchema: () => builder.toSchema(), items };
}

describe('objects-only fields', () => {
  it('keep their own resolver; unmarked fields of a loadable type are wrapped', () => {
    const { toSchema, items } = buildWith('dataloader');
    const fields = settleListItems(toSchema()).getQueryType()!.getFields();
    expect(fields['marked']!.resolve).toBe(items);
    expect(fields['unmarked']!.resolve).not.toBe(items);
  });

  it('are refused when a plugin inside this one wraps resolvers', () => {
    expect(() => buildWith('errors').toSchema()).toThrow(/skip the resolver wrapping of errors/);
  });

  it('in the gateway: connection nodes, edge node and Message.reactions', () => {
    const field = (type: string, name: string) =>
      (schema.getType(type) as GraphQLObjectType).getFields()[name]!;
    const resolvers = [
      field('MessageConnection', 'nodes'),
      field('MessageEdge', 'node'),
      field('ChatConnection', 'nodes'),
      field('Message', 'reactions'),
    ].map((f) => String(f.resolve));
    for (const source of resolvers) expect(source).not.toMatch(/getDataloader|settle/);
    // A field that may return an id (loaded) keeps the wrapper.
    expect(String(field('Message', 'chat').resolve)).toMatch(/getDataloader/);
  });
});
