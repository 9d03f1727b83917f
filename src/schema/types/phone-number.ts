/** PhoneNumber: one of the account's sending numbers, and the way into its chats. */
import type { PhoneNumber } from '../../upstream/model.js';
import { builder } from '../builder.js';
import { ChatConnectionRef, ChatRef, resolveChats } from './chat.js';

export const PhoneNumberRef = builder.objectRef<PhoneNumber>('PhoneNumber');

PhoneNumberRef.implement({
  description:
    'A phone number of the account. Not a Node: Linq has no read-by-id for numbers; list ' +
    'them with `phoneNumbers`.',
  fields: (t) => ({
    number: t.string({ description: 'The number in E.164 form.', resolve: (p) => p.phoneNumber }),
    forwardingNumber: t.exposeString('forwardingNumber', {
      nullable: true,
      description: 'Where calls to this number are forwarded (v2 only).',
    }),
    chats: t.connection(
      {
        type: ChatRef,
        nullable: true,
        description: 'Chats of this number; the same list as `Query.chats(phoneNumber:)`.',
        resolve: (p, args, ctx) => resolveChats(ctx, p.phoneNumber, args),
      },
      ChatConnectionRef,
    ),
  }),
});

builder.queryField('phoneNumbers', (t) =>
  t.field({
    type: [PhoneNumberRef],
    nullable: true,
    description: 'The account’s phone numbers this caller may use (read once per request).',
    resolve: (_root, _args, ctx) => ctx.visiblePhoneNumbers(),
  }),
);
