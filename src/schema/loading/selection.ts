/**
 * The fields selected directly under the current field, for lookahead (e.g. prefetching a
 * chat's messages while the chat loads): through inline fragments and fragment spreads that
 * apply to `type`, leaving out what @skip/@include exclude. Only that one level is read.
 */
import {
  getDirectiveValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isAbstractType,
  Kind,
  type FieldNode,
  type FragmentSpreadNode,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type InlineFragmentNode,
  type SelectionSetNode,
} from 'graphql';

function included(
  node: FieldNode | InlineFragmentNode | FragmentSpreadNode,
  info: GraphQLResolveInfo,
): boolean {
  if (!node.directives?.length) return true;
  if (getDirectiveValues(GraphQLSkipDirective, node, info.variableValues)?.['if'] === true) {
    return false;
  }
  return getDirectiveValues(GraphQLIncludeDirective, node, info.variableValues)?.['if'] !== false;
}

function appliesTo(
  condition: string | undefined,
  type: GraphQLObjectType,
  info: GraphQLResolveInfo,
): boolean {
  if (condition === undefined || condition === type.name) return true;
  const abstract = info.schema.getType(condition);
  return isAbstractType(abstract) && info.schema.isSubType(abstract, type);
}

export function selectedFields(info: GraphQLResolveInfo, type: GraphQLObjectType): FieldNode[] {
  const out: FieldNode[] = [];
  const seen = new Set<string>();
  const visit = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (!included(selection, info)) continue;
      if (selection.kind === Kind.FIELD) {
        out.push(selection);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (appliesTo(selection.typeCondition?.name.value, type, info)) {
          visit(selection.selectionSet);
        }
      } else {
        const name = selection.name.value;
        const fragment = info.fragments[name];
        const condition = fragment?.typeCondition.name.value;
        if (fragment && !seen.has(name) && appliesTo(condition, type, info)) {
          seen.add(name); // a fragment spread twice (or, invalidly, in a cycle) is read once
          visit(fragment.selectionSet);
        }
      }
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet);
  return out;
}
