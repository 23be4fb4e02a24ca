// Screenshots of each view at 1280 px and 390 px into docs/explorer/, from a running kgraph:
//   node scripts/screenshots.mjs http://127.0.0.1:8080
// (not a test: it writes tracked files). The README shows two of them.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, settled, watchedPage } from './browser.mjs';

const base = process.argv[2] ?? 'http://127.0.0.1:8080';
const out = process.argv[3] ?? join(dirname(fileURLToPath(import.meta.url)), '../../../docs/explorer');
mkdirSync(out, { recursive: true });

const views = [
  ['search', '/explore?q=%E4%BA%A6%E8%8E%8A'],
  ['entity', '/explore/entity/kong-lei'],
  ['document', null],
  ['cluster', '/explore/cluster/future-health'],
  ['review', '/explore/review'],
];

const context = await launch();
const { page, problems } = await watchedPage(context, base);
for (const [width, height, tag] of [[1280, 900, 'desktop'], [390, 844, 'phone']]) {
  await page.setViewportSize({ width, height });
  for (const [name, path] of views) {
    let url = path;
    if (!url) {
      // The document that mentions Kong Lei first.
      const r = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ entity(id: "kong-lei") { documents(first: 1) { id } } }' }) });
      url = `/explore/document/${(await r.json()).data.entity.documents[0].id}`;
    }
    await page.goto(base + url);
    await settled(page);
    if (name === 'entity') {
      // Show the evidence of the relation to the zone, as a click on the edge would.
      await page.locator('table.relations tr[data-other=bda] button').first().click();
      await page.waitForSelector('.evidence-panel .evidence');
      await page.evaluate(() => window.scrollTo(0, 0));
    }
    const file = join(out, `${name}-${tag}.png`);
    // The top of the page, as tall as it is up to a limit.
    const tall = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: 0, width, height: Math.min(tall, tag === 'phone' ? 1400 : 1500) } });
    console.log(`wrote ${file}`);
  }
}
await context.close();
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
