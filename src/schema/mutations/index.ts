/**
 * The Mutation type. Every mutation takes one `input` (with Relay's clientMutationId) and
 * returns `<Name>Result`: its `<Name>Payload` or one of the error types of mutation-errors.ts.
 *
 * Reactions are two mutations, addReaction and removeReaction, not one with an operation enum:
 * they are separate actions with different results (only adding yields a reaction), and a
 * name says what happens where an enum value would be easy to get wrong.
 *
 * No payload has a field called `message` (they say `sentMessage`, `updatedMessage`): the
 * Error interface's `message` is a String, and GraphQL refuses one selection set in which
 * `message` has two types, so `... on Error { message }` next to the payload would not validate.
 */
import { builder } from '../builder.js';
import '../mutation-errors.js';
import './send-message.js';
import './edit-delete.js';
import './reactions.js';

builder.mutationType({
  description:
    'Writes to the Linq account of the caller (the Bearer token, else the service token).',
});
