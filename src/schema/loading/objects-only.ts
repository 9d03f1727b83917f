/**
 * Fields of a loadable type (Chat, Message, Reaction) that return the objects themselves,
 * never ids nor promises of items: a connection's `nodes` and edge `node`, and
 * `Message.reactions`.
 *
 * The dataloader plugin wraps every field of a loadable type so that a resolver may return an
 * id to be loaded. On a field that never does, the wrapper is pure cost, paid per resolved
 * field: it looks the request's loader up, then copies each list into a new array of the same
 * objects — for a page of 25 messages, 25 `reactions` lists (≈ 2 % of a request's CPU and 3 %
 * of its allocations on bench s1). A field marked `OBJECTS_ONLY` gets its own resolver back,
 * unwrapped (and an exposed field none at all, so graphql-jit reads the property inline).
 *
 * Their lists are not settled item by item either (settle-list-items.ts): no item is a promise.
 *
 * Sound only while the plugins that run inside this one wrap nothing but loading: the builder
 * is refused at build time otherwise.
 */
import SchemaBuilder, {
  BasePlugin,
  type PothosOutputFieldConfig,
  type SchemaTypes,
} from '@pothos/core';
import { defaultFieldResolver, type GraphQLFieldResolver } from 'graphql';

const EXTENSION = 'gatewayObjectsOnly';

/** `extensions` of a field that returns loadable objects, never their ids. */
export const OBJECTS_ONLY = { [EXTENSION]: true } as const;

export const isObjectsOnly = (extensions: Readonly<Record<string, unknown>> | null | undefined) =>
  extensions?.[EXTENSION] === true;

/** Plugins that may run inside this one: their resolver wrapping is what it skips, or none. */
const INNER_PLUGINS = new Set(['dataloader', 'directives', 'federation']);

const pluginName = 'objectsOnly';

class ObjectsOnlyPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  #checked = false;

  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> {
    if (!isObjectsOnly(fieldConfig.extensions)) return resolver;
    this.#checkInnerPlugins();
    return (fieldConfig.resolve ?? defaultFieldResolver) as GraphQLFieldResolver<
      unknown,
      Types['Context'],
      object
    >;
  }

  #checkInnerPlugins(): void {
    if (this.#checked) return;
    const plugins: readonly string[] = this.builder.options.plugins ?? [];
    const inner = plugins.slice(plugins.indexOf(pluginName) + 1);
    const unexpected = inner.filter((name) => !INNER_PLUGINS.has(name));
    if (unexpected.length > 0) {
      throw new Error(
        `The ${pluginName} plugin would skip the resolver wrapping of ${unexpected.join(', ')}: ` +
          'place it after them in the builder’s plugin list',
      );
    }
    this.#checked = true;
  }
}

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      objectsOnly: ObjectsOnlyPlugin<Types>;
    }
  }
}

SchemaBuilder.registerPlugin(pluginName, ObjectsOnlyPlugin);
export default pluginName;
