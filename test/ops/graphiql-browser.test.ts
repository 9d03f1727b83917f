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
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../../src/server.js';
import { startInstance, waitForStreams } from '../helpers/rig.js';

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
  const opened =
    browser.pages().find((p) => p.url() === 'about:blank') ?? (await browser.newPage());
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

/**
 * Opens tab `index` and runs it with GraphiQL's execute button. What it answered is read where a
 * person reads it, in the response pane (Playwright's network events proved unreliable for
 * GraphiQL's streamed requests here); the server's state stands for the rest.
 */
async function runTab(index: number, operationName: string, on = page): Promise<void> {
  await openTab(index, on);
  await expect.poll(() => textOf('.graphiql-query-editor', on)).toContain(` ${operationName}(`);
  // GraphiQL takes the operation name from the tab's parsed document after a debounce: run
  // at once after switching tabs and it still names the previous tab's operation ("Cannot infer
  // operation …"). A person reads the tab first; so does the test.
  await on.waitForTimeout(700);
  await on.locator('.graphiql-execute-button').click();
}

/**
 * The response pane's text once it holds `wanted` (a person waits for the answer too). Monaco
 * renders only the visible lines, so this is text to search, not JSON to parse; an error would
 * be at its top (`"errors"` comes first).
 */
async function answer(wanted: string, on = page, timeout = 10_000): Promise<string> {
  await expect.poll(() => responsePane(on), { timeout }).toContain(wanted);
  return responsePane(on);
}

/** The visible text of an editor (Monaco renders spaces as no-break spaces). */
const textOf = async (selector: string, on = page) =>
  (await on.locator(selector).innerText()).replace(/\u00a0/g, ' ');
const responsePane = (on = page) => textOf('.graphiql-response', on);

describe('GraphiQL in a browser, on the embedded sandbox', () => {
  it('opens with four tabs; the first one has its $phone variable', async () => {
    const titles = await page.locator('.graphiql-tab-button').allInnerTexts();
    expect(titles).toEqual(['ChatsWithMessages', 'MessageAdded', 'SimulateInbound', 'SendMessage']);
    const variables = await textOf('.graphiql-editor-tool');
    expect(variables).toContain('"phone": "+12025550101"');
  });

  it('runs the first tab as it opens', async () => {
    await runTab(0, 'ChatsWithMessages');
    const text = await answer('"displayName"');
    expect(text).toContain('"edges"');
    expect(text).not.toContain('"errors"');
  });

  it('receives, in the subscription tab, the message the sandbox tab makes arrive', async () => {
    await runTab(1, 'MessageAdded');
    await waitForStreams(gateway, 1); // the server holds the subscription open
    // GraphiQL's POST needs no CSRF header; a GET (what GraphiQL used to send) still does.
    const query = encodeURIComponent('subscription { __typename }');
    const get = await fetch(`${gateway.url}?query=${query}`, {
      headers: { accept: 'text/event-stream' },
    });
    expect(get.status).toBe(403);

    // The subscription keeps running in this window; the event is made in a second one.
    other = await openGraphiQL();
    await runTab(2, 'SimulateInbound', other);
    const text = await answer('Hi! Is my order on its way?', other);
    expect(text).toContain('"isFromMe": false');
    expect(text).not.toContain('"errors"');

    await expect
      .poll(() => responsePane(), { timeout: 10_000 })
      .toContain('Is my order on its way?');
    const screenshot = process.env.GRAPHIQL_SCREENSHOT;
    if (screenshot) await page.screenshot({ path: screenshot });
  });

  it('runs the sendMessage tab with no id to edit', async () => {
    await runTab(3, 'SendMessage', other);
    const text = await answer('"SendMessagePayload"', other);
    expect(text).toContain('"text": "Hello from GraphiQL"');
    expect(text).not.toContain('"errors"');
    // …and the first window's subscription shows it too.
    await expect.poll(() => responsePane(), { timeout: 10_000 }).toContain('Hello from GraphiQL');
  });

  it('logged no console error (Monaco workers started)', async () => {
    const workers = page.workers().map((w) => new URL(w.url()).pathname);
    expect(workers).toContain('/graphql/graphiql/editor.worker.js');
    expect(consoleErrors).toEqual([]);
  });
});
