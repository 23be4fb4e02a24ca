// Opens the kgraph playground at the base URL given as the first argument in headless Chromium
// (the second argument, default /usr/bin/chromium) and checks what a person would see: the page
// named kgraph, the README's queries as tabs, the Docs pane, a query run, a subscription event.
// Every request to another host is refused and reported: the playground must work offline.
// Prints one JSON line per check, {check, ok, detail}; a third argument is a screenshot path.
// The Rust test `playground::the_playground_works_offline_in_a_headless_browser` runs it.
import puppeteer from 'puppeteer-core';

const [base, chromium = '/usr/bin/chromium', screenshot] = process.argv.slice(2);
if (!base) {
  console.error('usage: node playground.mjs http://127.0.0.1:PORT [chromium] [screenshot.png]');
  process.exit(2);
}
const origin = new URL(base).origin;
const report = (check, ok, detail = '') => console.log(JSON.stringify({ check, ok, detail }));

const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run',
  ],
});
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1400, height: 900 });
  const foreign = [];
  const problems = [];
  await page.setRequestInterception(true);
  page.on('request', (r) => {
    const url = r.url();
    if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:')) {
      r.continue();
    } else {
      foreign.push(url);
      r.abort();
    }
  });
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(String(e)));

  await page.goto(`${origin}/playground`, { waitUntil: 'networkidle0' });
  await page.waitForSelector('.graphiql-container', { timeout: 20000 });

  const title = await page.title();
  const logo = await page.$eval('.graphiql-logo', (e) => e.textContent).catch(() => '');
  report('named kgraph', title.includes('kgraph') && logo.includes('kgraph'), `${title} / ${logo}`);

  const tabs = await page.$$eval('.graphiql-tab-button', (ts) => ts.map((t) => t.textContent.trim()));
  const wanted = ['FutureHealthCompanies', 'KongLei', 'JdGroupToBoe', 'DocumentsMentioningBoe',
    'ExtractAParagraph', 'GraphChanges'];
  report('the README queries as tabs', JSON.stringify(tabs) === JSON.stringify(wanted),
    JSON.stringify(tabs));

  // The Docs pane is open, and lists the root types once the schema is in.
  await page.waitForFunction(
    () => (document.querySelector('.graphiql-doc-explorer')?.textContent ?? '').includes('Query'),
    { timeout: 20000 },
  ).catch(() => {});
  const docs = await page.$eval('.graphiql-doc-explorer', (e) => e.textContent).catch(() => '');
  report('the Docs pane', docs.includes('Query') && docs.includes('Subscription'), docs.slice(0, 120));

  const response = () => page.$eval('.graphiql-response', (e) => e.textContent).catch(() => '');
  // The first tab is open: run it.
  await page.click('.graphiql-execute-button');
  // The editor draws only the lines in view: the first members of the cluster, with their origin.
  await page.waitForFunction(
    () => (document.querySelector('.graphiql-response')?.textContent ?? '').includes('"origin"'),
    { timeout: 20000 },
  ).catch(() => {});
  const first = await response();
  report('a query runs',
    first.includes('"members"') && first.includes('"origin"') && !first.includes('"errors"'),
    first.slice(0, 200));

  // The subscription tab: run it, ingest a document, see the event.
  const buttons = await page.$$('.graphiql-tab-button');
  await buttons[buttons.length - 1].click();
  await page.waitForFunction(
    () => (document.querySelector('.graphiql-query-editor')?.textContent ?? '').includes('graphChanged'),
    { timeout: 10000 },
  ).catch(() => {});
  // GraphiQL reads the operation of the editor a moment after the tab switch.
  await new Promise((r) => setTimeout(r, 500));
  await page.click('.graphiql-execute-button');
  await new Promise((r) => setTimeout(r, 1000));
  const ingest = await fetch(`${origin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($t: String!) { ingestDocument(input: { text: $t }) { document { id } } }',
      variables: { t: `The playground saw BOE open lab ${Date.now()} in Beijing E-Town.` },
    }),
  }).then((r) => r.json());
  const id = ingest?.data?.ingestDocument?.document?.id ?? 'no id';
  await page.waitForFunction(
    (want) => (document.querySelector('.graphiql-response')?.textContent ?? '').includes(want),
    { timeout: 20000 },
    id,
  ).catch(() => {});
  const event = await response();
  report('a subscription event arrives', event.includes('INGEST') && event.includes(id), event.slice(0, 200));

  if (screenshot) await page.screenshot({ path: screenshot });
  report('nothing fetched from another host', foreign.length === 0, foreign.join(' '));
  report('no errors in the console', problems.length === 0, problems.join(' | '));
} finally {
  await browser.close();
}
