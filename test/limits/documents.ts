// Documents of the fan-out cases of issue 13 (what one request could make Linq do).

/**
 * Every chat of every number, each listing its messages at `aliases` × 3 page sizes through
 * `chat { messages }` nesting (depth 12, the default limit): one upstream page per chat and
 * size. On the sandbox: 18 chats × 18 sizes + 4 = 328 calls, from about 900 bytes.
 */
export function nestedFanOut(aliases = 6): string {
  const chains = Array.from({ length: aliases }, (_, a) => {
    const [x, y, z] = [3 * a + 1, 3 * a + 2, 3 * a + 3];
    return `    m${a}: messages(first: ${x}) { nodes { text chat { messages(first: ${y}) {
      nodes { id chat { messages(first: ${z}) { nodes { id } } } } } } } }`;
  });
  return `query Nested {
  phoneNumbers { number chats(first: 10) { nodes {
    id
${chains.join('\n')}
  } } }
}`;
}

/** `aliases` × `nodes(ids:)`, each with `perAlias` of `ids` (as variables $ids0, $ids1 …). */
export function aliasedNodes(aliases: number): string {
  const vars = Array.from({ length: aliases }, (_, i) => `$ids${i}: [ID!]!`).join(', ');
  const fields = Array.from(
    { length: aliases },
    (_, i) => `  n${i}: nodes(ids: $ids${i}) { id ... on Message { text } }`,
  );
  return `query Aliased(${vars}) {\n${fields.join('\n')}\n}`;
}

export const ENTITIES = `query Entities($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Message { id text } }
}`;
