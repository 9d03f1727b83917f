/**
 * Yoga plugin: operation limits (GraphQL Armor) with stable error codes.
 *
 * Armor's own errors carry no `extensions.code` and read "Syntax Error: …"; here every rejection
 * is reported as a GraphQL error with a code from LIMIT_CODES, the limit and what was found, and
 * nothing is executed. Depth and cost ignore introspection (`__schema`), so GraphiQL works.
 * The cost estimate is ours (use-cost.ts: Armor's only sees literal `first` values); `_entities`
 * is capped like `nodes` (federation/entities-limit.ts).
 * With `blockFieldSuggestions`, "Did you mean …?" hints are masked (they leak the schema when
 * introspection is off).
 */
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { GraphQLError, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { useEntitiesLimit } from '../federation/entities-limit.js';
import { DEFAULT_MAX_COST, useCostLimit } from './use-cost.js';

export const LIMIT_CODES = {
  depth: 'DEPTH_LIMIT_EXCEEDED',
  aliases: 'ALIAS_LIMIT_EXCEEDED',
  tokens: 'TOKEN_LIMIT_EXCEEDED',
  directives: 'DIRECTIVE_LIMIT_EXCEEDED',
  cost: 'COST_LIMIT_EXCEEDED',
} as const;
export type LimitName = keyof typeof LIMIT_CODES;

export interface LimitsPluginOptions {
  /** Deepest selection (fragments count one level, as in Armor). @default 12 */
  maxDepth?: number;
  /** Aliases per operation (`__typename` aliases are free). @default 15 */
  maxAliases?: number;
  /** Lexical tokens per document, checked while parsing. @default 1000 */
  maxTokens?: number;
  /** Directives per operation. @default 50 */
  maxDirectives?: number;
  /** Estimated cost, variables resolved (use-cost.ts); 0 turns it off. @default 5000 */
  maxCost?: number;
  /** Longest query text in characters, comments included (use-request-checks.ts). @default 100,000 */
  maxQueryLength?: number;
  /** Mask "Did you mean …?" suggestions. @default false */
  blockFieldSuggestions?: boolean;
}

export const LIMIT_DEFAULTS = {
  maxDepth: 12,
  maxAliases: 15,
  maxTokens: 1000,
  maxDirectives: 50,
  maxCost: DEFAULT_MAX_COST,
} as const;

/** "Syntax Error: Query depth limit of 6 exceeded, found 8." → "found 8" as a number. */
const found = (message: string): number | null => {
  const match = /found (\d+(?:\.\d+)?)/.exec(message);
  return match?.[1] ? Number(match[1]) : null;
};

export function limitError(name: LimitName, limit: number, message: string): GraphQLError {
  const actual = found(message);
  return new GraphQLError(message.replace(/^Syntax Error: /, ''), {
    extensions: {
      code: LIMIT_CODES[name],
      limit,
      ...(actual === null ? {} : { found: actual }),
    },
  });
}

/** Report as a validation error (so every limit hit is listed) rather than throw. */
const report = (name: LimitName, limit: number) => ({
  propagateOnRejection: false,
  onReject: [
    (ctx: ValidationContext | null, error: GraphQLError) =>
      ctx?.reportError(limitError(name, limit, error.message)),
  ],
});

export function useLimits(options: LimitsPluginOptions = {}): Plugin {
  const o = { ...LIMIT_DEFAULTS, ...options };
  const armor = EnvelopArmorPlugin({
    maxDepth: { n: o.maxDepth, ignoreIntrospection: true, ...report('depth', o.maxDepth) },
    maxAliases: { n: o.maxAliases, ...report('aliases', o.maxAliases) },
    maxDirectives: { n: o.maxDirectives, ...report('directives', o.maxDirectives) },
    costLimit: { enabled: false },
    maxTokens: {
      n: o.maxTokens,
      // Parsing has no validation context to report to: stop the parse with our error.
      onReject: [
        (_ctx, error) => {
          throw limitError('tokens', o.maxTokens, error.message);
        },
      ],
    },
    blockFieldSuggestion: { enabled: options.blockFieldSuggestions ?? false },
  }) as Plugin;
  return {
    onPluginInit({ addPlugin }) {
      addPlugin(armor);
      addPlugin(useEntitiesLimit());
      addPlugin(useCostLimit(o.maxCost));
    },
  };
}
