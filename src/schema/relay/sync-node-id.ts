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

/** The `id` option of a node type whose key is computed synchronously from the object. */
export function syncNodeId<P>(
  typename: string,
  key: (parent: P, context: GatewayContext) => string,
) {
  const encode = (parent: P, context: GatewayContext) =>
    encodeNodeId(context.dialect, typename, key(parent, context));
  return {
    resolve: (parent: P, _args: object, context: GatewayContext) => key(parent, context),
    extensions: { [EXTENSION]: encode },
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
