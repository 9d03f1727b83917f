/**
 * Yoga plugin: turns schema introspection off (production default, see config.ts). `__schema`,
 * `__type` and the federation `_service { sdl }` (the same schema by another door) are refused
 * with `extensions.code: INTROSPECTION_DISABLED` before anything runs; `__typename` stays
 * allowed. Routers then take the schema from schema.graphql (see the README, "Federate it").
 */
import { GraphQLError, type ValidationRule } from 'graphql';
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
