/**
 * GraphiQL in a real browser (Debian's chromium through playwright-core; .ci/run installs it):
 * `npm start`'s gateway on the embedded sandbox, a first visit with an empty profile. Every
 * default tab runs as it opens, the subscription tab receives the message the sandbox tab makes
 * arrive, and the console stays free of errors (Monaco's workers included).
 *
 * GRAPHIQL_SCREENSHOT=<file.png> saves a screenshot of the subscription tab with its event.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../../src/server.js';
import { startInstance, waitForStreams } from '../subscriptions/helpers/rig.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let gateway: RunningGateway;
let profile: string;
let browser: BrowserContext;
let page: Page;
let other: Page;
const consoleErrors: string[] = [];

/** A GraphiQL window of the browser, with its console errors collected. */
async function openGraphiQL(): Promise<Page> {
  const opened = browser.pages().find((p) => p.url() === 'about:blank') ?? (await browser.newPage());
  opened.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  opened.on('pageerror', (error) => consoleErrors.push(`page error: ${error.message}`));
  await opened.goto(gateway.url);
  await opened.locator('.graphiql-tab').nth(3).waitFor();
  return opened;
}

beforeAll(async () => {
  gateway = await startInstance({});
  profile = mkdtempSync(join(tmpdir(), 'graphiql-profile-'));
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1400, height: 900 },
  });
  page = await openGraphiQL();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await gateway?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/**
 * A DOM click: the tabs are draggable (pointer events), and a synthesised mouse click on them
 * is sometimes taken for the start of a drag.
 */
const openTab = (index: number, on = page) =>
  on.locator(`#graphiql-session-tab-${index}`).dispatchEvent('click');

/** Opens tab `index`, runs it, and returns the HTTP response of its operation. */
async function runTab(index: number, operationName: string, on = page): Promise<Response> {
  await openTab(index, on);
  await expect.poll(() => textOf('.graphiql-query-editor', on)).toContain(` ${operationName}(`);
  const response = on.waitForResponse(
    (r) =>
      r.url() === gateway.url &&
      r.request().method() === 'POST' &&
      (r.request().postData() ?? '').includes(` ${operationName}(`),
  );
  await on.locator('.graphiql-execute-button').click();
  return response;
}

/** The visible text of an editor (Monaco renders spaces as no-break spaces). */
const textOf = async (selector: string, on = page) =>
  (await on.locator(selector).innerText()).replace(/\u00a0/g, ' ');
const responsePane = (on = page) => textOf('.graphiql-response', on);

interface Result {
  data?: Record<string, unknown> | null;
  errors?: unknown[];
}

describe('GraphiQL in a browser, on the embedded sandbox', () => {
  it('opens with four tabs; the first one has its $phone variable', async () => {
    const titles = await page.locator('.graphiql-tab-button').allInnerTexts();
    expect(titles).toEqual(['ChatsWithMessages', 'MessageAdded', 'SimulateInbound', 'SendMessage']);
    const variables = await textOf('.graphiql-editor-tool');
    expect(variables).toContain('"phone": "+12025550101"');
  });

  it('runs the first tab as it opens', async () => {
    const response = await runTab(0, 'ChatsWithMessages');
    const body = (await response.json()) as Result;
    expect(body.errors).toBeUndefined();
    expect((body.data?.chats as { edges: unknown[] }).edges.length).toBeGreaterThan(0);
    await expect.poll(() => responsePane()).toContain('"displayName"');
  });

  it('receives, in the subscription tab, the message the sandbox tab makes arrive', async () => {
    const subscription = await runTab(1, 'MessageAdded');
    expect(subscription.status()).toBe(200);
    expect(subscription.headers()['content-type']).toMatch(/text\/event-stream/);
    await waitForStreams(gateway, 1);
    // GraphiQL's POST needs no CSRF header; a GET (what GraphiQL used to send) still does.
    const query = encodeURIComponent('subscription { __typename }');
    const get = await fetch(`${gateway.url}?query=${query}`, {
      headers: { accept: 'text/event-stream' },
    });
    expect(get.status).toBe(403);

    // The subscription keeps running in this window; the event is made in a second one.
    other = await openGraphiQL();
    const simulate = await runTab(2, 'SimulateInbound', other);
    const body = (await simulate.json()) as Result;
    expect(body.errors).toBeUndefined();
    expect(body.data?.sandboxSimulateInbound).toMatchObject({
      message: { text: 'Hi! Is my order on its way?', isFromMe: false },
    });

    await expect.poll(() => responsePane(), { timeout: 10_000 }).toContain('Is my order on its way?');
    const screenshot = process.env.GRAPHIQL_SCREENSHOT;
    if (screenshot) await page.screenshot({ path: screenshot });
  });

  it('runs the sendMessage tab with no id to edit', async () => {
    const response = await runTab(3, 'SendMessage', other);
    const body = (await response.json()) as Result;
    expect(body.errors).toBeUndefined();
    expect(body.data?.sendMessage).toMatchObject({
      __typename: 'SendMessagePayload',
      sentMessage: { text: 'Hello from GraphiQL' },
    });
    // …and the first window's subscription shows it too.
    await expect.poll(() => responsePane(), { timeout: 10_000 }).toContain('Hello from GraphiQL');
  });

  it('logged no console error (Monaco workers started)', async () => {
    const workers = page.workers().map((w) => new URL(w.url()).pathname);
    expect(workers).toContain('/graphql/graphiql/editor.worker.js');
    expect(consoleErrors).toEqual([]);
  });
});
