// End-to-end tests of the explorer in headless Chromium, against a real kgraph server:
//   KGRAPH_URL=http://127.0.0.1:PORT node --test tests/
// graph-api/tests/integration/explorer.rs starts the server and runs this file from
// `cargo test`. Every page is watched: a console error or a request that leaves 127.0.0.1 fails.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, settled, watchedPage } from '../scripts/browser.mjs';

const base = process.env.KGRAPH_URL;
if (!base) throw new Error('set KGRAPH_URL to the kgraph server to test (http://127.0.0.1:PORT)');

let context;
before(async () => {
  context = await launch();
});
after(async () => {
  await context?.close();
});

async function gql(query, variables = {}) {
  const r = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = await r.json();
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data;
}

/** Opens `path` in a watched page and waits for its view; returns the page and its problems. */
async function open(path, width = 1280) {
  const { page, problems } = await watchedPage(context, base);
  await page.setViewportSize({ width, height: 900 });
  await page.goto(base + path);
  await settled(page);
  return { page, problems };
}

test('each view loads from its URL at 1280 and 390 px, with no console error and no request leaving 127.0.0.1', async () => {
  const { documents } = await gql('{ documents(first: 1) { nodes { id } } }');
  const views = [
    ['/explore', 'search', 'Explore the graph'],
    ['/explore?q=' + encodeURIComponent('亦莊'), 'search', 'Results for'],
    ['/explore/entity/kong-lei', 'entity', 'Kong Lei'],
    [`/explore/document/${documents.nodes[0].id}`, 'document', 'Relations found in it'],
    ['/explore/cluster/future-health', 'cluster', 'Members'],
    ['/explore/no/such/view', 'not-found', 'No such page'],
  ];
  for (const width of [1280, 390]) {
    for (const [path, view, text] of views) {
      const { page, problems } = await open(path, width);
      assert.equal(await page.evaluate(() => document.body.dataset.view), view, path);
      assert.ok((await page.locator('main').innerText()).includes(text), `${path} shows “${text}”`);
      // Nothing wider than the screen: the page reads on a phone without scrolling sideways.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${path} at ${width} px is ${overflow} px too wide`);
      // Let the subscription connect, so that its errors would show too.
      await page.waitForSelector('.live-dot.on');
      assert.deepEqual(problems, [], `${path} at ${width} px`);
      await page.close();
    }
  }
});

test('searching 亦莊 (Traditional) and "Beijing E-Town" opens the same entity', async () => {
  // Type-ahead in the header: the first suggestion, by keyboard.
  const { page, problems } = await open('/explore');
  const box = page.locator('header .search-input');
  await box.fill('亦莊');
  await page.waitForSelector('header [role=option]');
  await box.press('ArrowDown');
  await box.press('Enter');
  await page.waitForURL(/\/explore\/entity\//);
  await settled(page);
  const fromTraditional = new URL(page.url()).pathname;
  // The results page, by a click.
  await page.goto(`${base}/explore?q=${encodeURIComponent('Beijing E-Town')}`);
  await settled(page);
  await page.locator('ol.results li a.result-name').first().click();
  await page.waitForURL(/\/explore\/entity\//);
  await settled(page);
  assert.equal(new URL(page.url()).pathname, fromTraditional);
  const id = decodeURIComponent(fromTraditional.split('/').pop());
  const { lookup } = await gql('query($n: String!) { lookup(name: $n) { id } }', { n: '亦庄' });
  assert.deepEqual(lookup.map((e) => e.id), [id], 'the entity the Simplified spelling names');
  assert.deepEqual(problems, []);
  await page.close();
});

test("Kong Lei's page lists his roles and his co-mentions with the zone", async () => {
  const { page, problems } = await open('/explore/entity/kong-lei');
  const { entity } = await gql('{ entity(id: "kong-lei") { roles { title organization { name } } } }');
  const roles = await page.locator('section[aria-labelledby=s-roles] li').allInnerTexts();
  assert.equal(roles.length, entity.roles.length);
  for (const role of entity.roles) {
    assert.ok(roles.some((r) => r.includes(role.title) && (!role.organization || r.includes(role.organization.name))), `role ${role.title}`);
  }
  assert.ok(roles.some((r) => /director/i.test(r)), roles.join('\n'));
  const row = page.locator('table.relations tr[data-kind=CO_MENTION][data-other=bda]');
  assert.equal(await row.count(), 1, 'a co-mention with the zone in the list');
  const zone = (await gql('{ entity(id: "bda") { name } }')).entity.name;
  assert.ok((await row.getByRole('link').first().getAttribute('aria-label')).includes(zone), 'the zone, named in full for a screen reader');
  assert.deepEqual(problems, []);
  await page.close();
});

test('clicking an edge of the drawing shows a sentence that contains both names', async () => {
  const { page, problems } = await open('/explore/entity/kong-lei');
  await page.locator('main .drawing').scrollIntoViewIfNeeded();
  // A point on the edge Kong Lei – zone that no node covers, in page coordinates.
  const point = await page.evaluate(() => {
    const cy = window.kgraphDrawing;
    const edge = cy.edges().filter((e) => e.data('kind') === 'CO_MENTION' && [e.data('source'), e.data('target')].includes('bda') && [e.data('source'), e.data('target')].includes('kong-lei'))[0];
    // Zoomed onto the edge, as a person would before clicking a short one.
    cy.fit(edge.connectedNodes(), 120);
    const box = cy.container().getBoundingClientRect();
    // The point of the edge farthest from every node body (labels take no clicks: Cytoscape's
    // `text-events` is off) and from every other edge.
    const clearance = (p) => {
      let c = Infinity;
      for (const n of cy.nodes()) {
        const b = n.renderedBoundingBox({ includeLabels: false });
        const dx = Math.max(b.x1 - p.x, 0, p.x - b.x2);
        const dy = Math.max(b.y1 - p.y, 0, p.y - b.y2);
        c = Math.min(c, Math.hypot(dx, dy));
      }
      for (const o of cy.edges()) {
        if (o === edge) continue;
        const [a, b] = [o.source().renderedPosition(), o.target().renderedPosition()];
        const [dx, dy] = [b.x - a.x, b.y - a.y];
        const k = Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy || 1)));
        c = Math.min(c, Math.hypot(a.x + k * dx - p.x, a.y + k * dy - p.y));
      }
      return c;
    };
    const bestPoint = () => {
      const [s, t] = [edge.source().renderedPosition(), edge.target().renderedPosition()];
      let best = null;
      for (let k = 0.05; k < 0.95; k += 0.01) {
        const p = { x: s.x + (t.x - s.x) * k, y: s.y + (t.y - s.y) * k };
        const c = clearance(p);
        if (!best || c > best.c) best = { ...p, c };
      }
      return best;
    };
    let best = bestPoint();
    // Where other relations crowd the edge, drag the zone aside first, as a person would.
    for (let turn = 0; best.c <= 6 && turn < 16; turn++) {
      const other = edge.source().id() === 'bda' ? edge.source() : edge.target();
      const centre = cy.getElementById('kong-lei').position();
      const angle = (turn * Math.PI) / 8;
      other.position({ x: centre.x + 260 * Math.cos(angle), y: centre.y + 260 * Math.sin(angle) });
      cy.fit(edge.connectedNodes(), 120);
      best = bestPoint();
    }
    if (best.c > 6) return { x: box.left + best.x, y: box.top + best.y };
    return null;
  });
  assert.ok(point, 'the edge has a point free of nodes');
  await page.mouse.click(point.x, point.y);
  await page.waitForSelector('.evidence-panel .evidence');
  assert.match(page.url(), /\/explore\/entity\/kong-lei/, 'the click stayed on the page (it hit the edge, not a node)');
  const sentences = page.locator('.evidence-panel .evidence .sentence');
  assert.ok((await sentences.count()) >= 1);
  const first = sentences.first();
  const kong = await first.locator('.mention[data-entity=kong-lei]').allInnerTexts();
  const zone = await first.locator('.mention[data-entity=bda]').allInnerTexts();
  assert.ok(kong.length && zone.length, 'both ends are highlighted in the sentence');
  const text = (await first.innerText()).toLowerCase();
  assert.ok(text.includes('kong lei') || text.includes('孔磊'), text);
  for (const surface of [...kong, ...zone]) assert.ok(text.includes(surface.toLowerCase()), surface);
  // The sentence links to its document, which opens.
  await page.locator('.evidence-panel .evidence .source a').first().click();
  await page.waitForURL(/\/explore\/document\//);
  await settled(page);
  assert.ok(await page.locator('.doc-text .mention[data-entity=kong-lei]').count());
  assert.deepEqual(problems, []);
  await page.close();
});

test('the future-health cluster lists Jinlan Gene as inferred, with its sentence', async () => {
  const { page, problems } = await open('/explore/cluster/future-health');
  const member = page.locator('ol.members > li[data-entity=jinlan-gene]');
  assert.equal(await member.count(), 1);
  assert.equal(await member.getAttribute('data-origin'), 'INFERRED');
  assert.match(await member.innerText(), /inferred/);
  const sentence = member.locator('.sentence');
  assert.equal(await sentence.count(), 1);
  assert.ok(await sentence.locator('.mention[data-entity=jinlan-gene]').count(), 'Jinlan Gene is highlighted in its sentence');
  assert.match((await sentence.innerText()).toLowerCase(), /jinlan gene|金蓝基因/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the document view shows the cleaned text with mentions coloured by kind and the dropped boilerplate collapsed', async () => {
  const { entity } = await gql('{ entity(id: "kong-lei") { documents(first: 1) { id lines { class } } } }');
  const doc = entity.documents[0];
  const { page, problems } = await open(`/explore/document/${doc.id}`);
  const kinds = await page.locator('.doc-text .mention').evaluateAll((els) => [...new Set(els.map((e) => e.className))]);
  assert.ok(kinds.length >= 3, `mentions of several kinds: ${kinds}`);
  const dropped = doc.lines.filter((l) => l.class === 'CHROME' || l.class === 'FOOTER').length;
  assert.ok(dropped > 0, 'the seed has boilerplate');
  const details = page.locator('.doc-text details.dropped');
  assert.ok((await details.count()) >= 1);
  assert.equal(await details.evaluateAll((els) => els.filter((d) => d.open).length), 0, 'collapsed');
  assert.equal(await page.locator('.doc-text details.dropped p').count(), dropped);
  assert.ok(await page.locator('table.relations tbody tr').count());
  assert.deepEqual(problems, []);
  await page.close();
});

test('downloads: the drawing as SVG, the view as DOT and CSV with its filters', async () => {
  const { page, problems } = await open('/explore/entity/kong-lei?rel=ROLE');
  assert.equal(await page.locator('table.relations tbody tr').count(), await page.locator('table.relations tbody tr[data-kind=ROLE]').count());
  const svg = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'SVG' }).click()]).then(([d]) => d.path());
  const drawn = readFileSync(svg, 'utf8');
  assert.match(drawn, /^<svg /);
  assert.match(drawn, /Kong Lei/);
  const dot = await page.locator('.downloads a', { hasText: 'DOT' }).getAttribute('href');
  assert.match(dot, /entity=kong-lei/);
  assert.match(dot, /relation=ROLE/);
  const body = await (await fetch(base + dot)).text();
  assert.match(body, /^digraph/);
  const downloads = [];
  page.on('download', (d) => downloads.push(d));
  await page.getByRole('button', { name: 'CSV' }).click();
  for (let waited = 0; downloads.length < 2; waited += 50) {
    assert.ok(waited < 10000, `two CSV files, got ${downloads.length}`);
    await page.waitForTimeout(50);
  }
  const files = await Promise.all(downloads.map(async (d) => [d.suggestedFilename(), readFileSync(await d.path(), 'utf8')]));
  const rels = files.find(([name]) => name.endsWith('relationships.csv'))[1];
  assert.ok(rels.split('\n').slice(1).filter(Boolean).every((line) => line.includes(',ROLE,')), rels);
  assert.deepEqual(problems, []);
  await page.close();
});

test('an ingest through the API refreshes an open entity page and says what changed', async () => {
  const { page, problems } = await open('/explore/entity/kong-lei');
  const shown = await page.locator('table.relations tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.other));
  // A company Kong Lei is not yet related to; a sentence of ours names both.
  const { entities } = await gql('{ entities(kind: COMPANY, first: 200) { nodes { id name } } }');
  const company = entities.nodes.find((c) => !shown.includes(c.id) && /^[A-Za-z][A-Za-z ]+$/.test(c.name));
  assert.ok(company, 'a company not yet next to Kong Lei');
  const text = `Explorer test\n\nOn a quiet Tuesday, Kong Lei walked through the new laboratory of ${company.name} and asked about its first products.\n`;
  const { ingestDocument } = await gql('mutation($t: String!) { ingestDocument(input: { text: $t }) { duplicate document { id } } }', { t: text });
  assert.equal(ingestDocument.duplicate, false);
  await page.waitForSelector(`table.relations tr[data-other="${company.id}"]`);
  const banner = await page.locator('#live').innerText();
  assert.match(banner, /The graph changed/);
  assert.ok(banner.includes(ingestDocument.document.id), banner);
  assert.ok(banner.includes(company.name), `the banner names what is new: ${banner}`);
  assert.deepEqual(problems, []);
  await page.close();
});
