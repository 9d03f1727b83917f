// clients/codegen.ts, the GraphQL Code Generator set-up for a frontend, run on a chat view's
// documents against schema.client.graphql: the custom scalars come out as what the gateway
// sends and takes (strings, File | Blob), never `unknown`.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate, type CodegenConfig } from '@graphql-codegen/cli';
import { afterAll, describe, expect, it } from 'vitest';
import config, { scalars } from '../../clients/codegen.js';
import { CLIENT_SCHEMA_FILE } from '../../src/print-schema.js';

const CHAT_VIEW = `import { graphql } from './gql';
export const chatView = graphql(\`
  query ChatView($chatId: ID!) {
    chat(id: $chatId) { id messages(first: 20) { edges { node { id text sentAt attachments { url } } } } }
  }
\`);
export const sendFile = graphql(\`
  mutation SendFile($input: SendMessageInput!) {
    sendMessage(input: $input) { __typename ... on Error { message } }
  }
\`);
`;

const project = mkdtempSync(join(tmpdir(), 'codegen-app-'));
afterAll(() => rmSync(project, { recursive: true, force: true }));

describe('clients/codegen.ts', () => {
  it('types DateTime and URL as strings and Upload as File | Blob', async () => {
    mkdirSync(join(project, 'src'));
    writeFileSync(join(project, 'src/ChatView.ts'), CHAT_VIEW);
    const output = join(project, 'src/gql/');
    const generates = config.generates as Record<string, object>;
    const inProject: CodegenConfig = {
      ...config,
      schema: CLIENT_SCHEMA_FILE,
      documents: [join(project, 'src/**/*.ts'), `!${output}**`],
      generates: { [output]: generates['src/gql/']! },
      silent: true,
    };
    await generate(inProject, true);
    const types = readFileSync(join(output, 'graphql.ts'), 'utf8');
    // Scalars are inlined where used: sentAt (DateTime), url (URL), attachments (Upload).
    expect(types).toContain(`sentAt: ${scalars.DateTime} | null`);
    expect(types).toContain(`url: ${scalars.URL} | null`);
    expect(types).toContain(`attachments?: Array<${scalars.Upload}> | null`);
  }, 60_000);
});
