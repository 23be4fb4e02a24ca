// Headless Debian Chromium, driven by playwright-core (no browser download): the flags this
// machine needs, and a page that records console errors and every request that would leave
// 127.0.0.1 (those are refused, so a page can never reach the internet by accident).
import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

export async function launch() {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'kgraph-chromium-')), {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
    viewport: { width: 1280, height: 900 },
  });
}

/** A new page that collects console errors, page errors and requests leaving 127.0.0.1. */
export async function watchedPage(context, base) {
  const page = await context.newPage();
  // CI shares two cores with the Rust tests running beside: wait longer than Playwright's 30 s.
  page.setDefaultTimeout(60000);
  const problems = [];
  const host = new URL(base).host;
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.host === host || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
    problems.push(`request leaving 127.0.0.1: ${url.href}`);
    return route.abort();
  });
  page.on('websocket', (ws) => {
    if (new URL(ws.url()).host !== host) problems.push(`websocket leaving 127.0.0.1: ${ws.url()}`);
  });
  return { page, problems };
}

/** Waits until the view of the current URL has rendered (and its drawing, if it has one). */
export async function settled(page) {
  await page.waitForFunction(() => document.querySelector('main')?.dataset.ready === location.pathname + location.search);
  if (await page.locator('main .drawing').count()) await page.waitForSelector('main .drawing[data-ready=true]');
}
