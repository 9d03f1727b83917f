/**
 * Synchronous `id` fields on the node types.
 *
 * The relay plugin resolves a node's `id` through `t.globalID`, whose resolver is `async`: one
 * promise per object, which graphql-jit (and graphql-js) must then await — for a page of 25
 * messages that is 25 promises and as many microtask turns for a value that is known at once.
 * A node type declares its id with `syncNodeId(typename, key)`: the relay plugin still sees a
 * normal `id` option (Node interface, isTypeOf, global id parsing), and this plugin swaps the
 * field's resolver for a plain function that encodes the same global id (builder.ts's
 * `encodeGlobalID`, i.e. global-id.ts).
 */
import SchemaBuilder, {
  BasePlugin,
  type PothosOutputFieldConfig,
  type SchemaTypes,
} from '@pothos/core';
import type { GraphQLFieldResolver } from 'graphql';
import type { GatewayContext } from '../../context.js';
import { encodeNodeId } from './global-id.js';

const EXTENSION = 'gatewaySyncNodeId';

type Encode = (parent: unknown, context: GatewayContext) => string;

/** Where a memoised global id is kept on its object (a symbol: never serialised or listed). */
const GLOBAL_ID = Symbol('linq.globalId');
type Memo = { [GLOBAL_ID]?: string };

/**
 * The `id` option of a node type whose key is computed synchronously from the object.
 * `memo`: the global id is kept on the object after its first read, for types whose one object
 * is read many times in a request (a listed chat, below each of its messages). The objects are
 * the request's own (mapped from its upstream answers), and a gateway speaks one dialect.
 */
export function syncNodeId<P extends object>(
  typename: string,
  key: (parent: P, context: GatewayContext) => string,
  options: { memo?: boolean } = {},
) {
  const encode = (parent: P, context: GatewayContext) =>
    encodeNodeId(context.dialect, typename, key(parent, context));
  const memoised = (parent: P & Memo, context: GatewayContext) =>
    (parent[GLOBAL_ID] ??= encode(parent, context));
  return {
    resolve: (parent: P, _args: object, context: GatewayContext) => key(parent, context),
    extensions: { [EXTENSION]: options.memo ? memoised : encode },
  };
}

class SyncNodeIdPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> {
    const encode = fieldConfig.extensions?.[EXTENSION] as Encode | undefined;
    if (typeof encode !== 'function') return resolver;
    return (parent, _args, context) => encode(parent, context as GatewayContext);
  }
}

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      syncNodeId: SyncNodeIdPlugin<Types>;
    }
  }
}

const pluginName = 'syncNodeId';
SchemaBuilder.registerPlugin(pluginName, SyncNodeIdPlugin);
export default pluginName;
