/** Fields every connection type gets. */
import { builder } from '../builder.js';

builder.globalConnectionField('totalCount', (t) =>
  t.exposeInt('totalCount', {
    nullable: true,
    description:
      'Total number of items in the list. Only the Linq v2 API reports totals: null on v3.',
  }),
);
