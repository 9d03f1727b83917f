/**
 * Yoga plugin: turns schema introspection off (production default, see config.ts). `__schema`,
 * `__type` and the federation `_service { sdl }` (the same schema by another door) are refused
 * with `extensions.code: INTROSPECTION_DISABLED` before anything runs; `__typename` stays
 * allowed. Routers then take the schema from schema.graphql (see the README, "Federate it").
 */
import {
  GraphQLError,
  Kind,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';

export const INTROSPECTION_FIELDS = ['__schema', '__type', '_service'] as const;

export const noIntrospectionRule: ValidationRule = (context) => ({
  Field(node) {
    const name = node.name.value;
    if ((INTROSPECTION_FIELDS as readonly string[]).includes(name)) {
      context.reportError(
        new GraphQLError(`Introspection is disabled on this server ("${name}")`, {
          nodes: node,
          extensions: { code: 'INTROSPECTION_DISABLED' },
        }),
      );
    }
  },
});

export function useDisableIntrospection(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(noIntrospectionRule);
    },
  };
}

/** Deepest `ofType` chain an introspection query may select (GraphiQL's query uses 8). */
export const MAX_OF_TYPE_DEPTH = 12;

/** The deepest chain of nested `ofType` fields under `set`, following fragments. */
function ofTypeDepth(
  set: SelectionSetNode | undefined,
  context: ValidationContext,
  seen: ReadonlySet<string>,
): number {
  let deepest = 0;
  for (const selection of set?.selections ?? []) {
    let depth = 0;
    if (selection.kind === Kind.FIELD) {
      const own = selection.name.value === 'ofType' ? 1 : 0;
      depth = own + ofTypeDepth(selection.selectionSet, context, seen);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      depth = ofTypeDepth(selection.selectionSet, context, seen);
    } else if (!seen.has(selection.name.value)) {
      const fragment = context.getFragment(selection.name.value);
      const next = new Set(seen).add(selection.name.value);
      depth = ofTypeDepth(fragment?.selectionSet, context, next);
    }
    deepest = Math.max(deepest, depth);
  }
  return deepest;
}

/**
 * Bounds the nesting of `ofType` in introspection queries, through fragments too (Armor's depth
 * limit skips introspection so that GraphiQL works; a 60-deep `ofType` chain executed).
 */
export const introspectionDepthRule =
  (max = MAX_OF_TYPE_DEPTH): ValidationRule =>
  (context) => ({
    OperationDefinition(node) {
      const depth = ofTypeDepth(node.selectionSet, context, new Set());
      if (depth <= max) return;
      context.reportError(
        new GraphQLError(`Introspection "ofType" nesting is limited to ${max}; found ${depth}`, {
          nodes: node,
          extensions: { code: 'INTROSPECTION_DEPTH_EXCEEDED', limit: max, found: depth },
        }),
      );
    },
  });

export function useIntrospectionDepthLimit(max = MAX_OF_TYPE_DEPTH): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(introspectionDepthRule(max));
    },
  };
}
