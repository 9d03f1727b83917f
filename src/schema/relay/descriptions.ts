/** Descriptions and field options of the Relay plumbing (Node, PageInfo, edges, paging args). */
import { MAX_PAGE_SIZE } from '../../upstream/pagination/index.js';
import { OBJECTS_ONLY } from '../loading/objects-only.js';

export const relayDescriptions = {
  nodeTypeOptions: {
    description: 'An object with a global id: fetch it again with `node(id:)`.',
  },
  idFieldOptions: {
    description: 'Opaque global id. Stable, but only valid for the Linq API version it came from.',
  },
  pageInfoTypeOptions: { description: 'Where a page sits in its list (Relay PageInfo).' },
  hasNextPageFieldOptions: { description: 'True when more items follow the page.' },
  hasPreviousPageFieldOptions: { description: 'True when items precede the page.' },
  startCursorFieldOptions: { description: 'Cursor of the first item; null on an empty page.' },
  endCursorFieldOptions: { description: 'Cursor of the last item; null on an empty page.' },
  cursorFieldOptions: { description: 'Opaque cursor of this item, for after/before.' },
  nodeFieldOptions: { nullable: false, description: 'The item.', extensions: OBJECTS_ONLY },
  edgesFieldOptions: { nullable: false, description: 'The items with their cursors.' },
  pageInfoFieldOptions: { description: 'Paging information for this page.' },
  nodesOnConnection: {
    description: 'The items (the same as edges.node).',
    extensions: OBJECTS_ONLY,
  },
  firstArgOptions: { description: `Items after \`after\`: 1 to ${MAX_PAGE_SIZE}.` },
  afterArgOptions: { description: 'A cursor from this list: return items after it.' },
  lastArgOptions: {
    description: `Items before \`before\`: 1 to ${MAX_PAGE_SIZE} (needs the v2 API).`,
  },
  beforeArgOptions: {
    description: 'A cursor from this list: return items before it (needs the v2 API).',
  },
} as const;
