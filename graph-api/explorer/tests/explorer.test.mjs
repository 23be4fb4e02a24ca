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
    ['/explore/review', 'review', 'Candidates'],
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
  // Cytoscape finds what a tap hits from the geometry of its last rendered frame: let the frames
  // after the zoom (and any node moved aside) be drawn first, as they would be before a person's
  // click, even on a loaded machine.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))));
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

test('a span of dates typed into the filters redraws the network from the news of that span, and the downloads keep it', async () => {
  const { page, problems } = await open('/explore/entity/kong-lei?rel=CO_MENTION');
  const others = async () => (await page.locator('table.relations tbody tr[data-kind=CO_MENTION]').evaluateAll((rows) => rows.map((r) => r.dataset.other))).sort();
  const all = await others();
  await page.locator('input[name=from]').fill('2024');
  await page.locator('input[name=from]').press('Enter');
  await page.waitForURL(/from=2024/);
  await settled(page);
  const in2024 = await others();
  const { entity } = await gql('{ entity(id: "kong-lei") { neighbors(relation: CO_MENTION, from: "2024", first: 1000) { entity { id } } } }');
  const stated = new Set(entity.neighbors.map((n) => n.entity.id));
  assert.ok(in2024.length > 0 && in2024.length < all.length, `${in2024.length} of ${all.length}`);
  for (const id of in2024) assert.ok(stated.has(id), `${id} is named with Kong Lei in 2024`);
  assert.equal(await page.locator('input[name=from]').inputValue(), '2024');
  const dot = await page.locator('.downloads a', { hasText: 'DOT' }).getAttribute('href');
  assert.match(dot, /from=2024/);
  assert.match(await (await fetch(base + dot)).text(), /^digraph/);
  // A date that is not one is refused in place, and the picture stays.
  await page.locator('input[name=to]').fill('June');
  await page.locator('input[name=to]').press('Enter');
  assert.doesNotMatch(page.url(), /to=/);
  assert.equal(await page.locator('input[name=to]:invalid').count(), 1);
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

/** The selector of a candidate of the review by its key (which may hold any character). */
function candidate(key) {
  return `ol.candidates > li.candidate[data-key=${JSON.stringify(key)}]`;
}

test('the review lists the candidates, best first, each with its sentences, the surface marked, and their documents', async () => {
  const candidates = (await gql('{ candidates(first: 20) { nodes { key name kind signals evidence(first: 3) { sentence surface document { id } } } } }')).candidates.nodes;
  assert.ok(candidates.length >= 3, 'the seeds give candidates');
  const { page, problems } = await open('/explore/review');
  const items = page.locator('ol.candidates > li.candidate');
  assert.deepEqual(await items.evaluateAll((els) => els.map((e) => e.dataset.key)), candidates.map((c) => c.key));
  for (const [i, c] of candidates.entries()) {
    const li = items.nth(i);
    assert.equal(await li.locator('.candidate-name').innerText(), c.name);
    assert.ok((await li.locator('.badge').innerText()).length, 'its kind');
    assert.deepEqual(await li.locator('.signal').allInnerTexts(), c.signals);
    const marks = await li.locator('.sentence mark.surface').allInnerTexts();
    assert.deepEqual(marks, c.evidence.filter((e) => e.sentence.includes(e.surface)).map((e) => e.surface), c.name);
    const docs = await li.locator('.evidence .source a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.deepEqual(docs, c.evidence.map((e) => `/explore/document/${encodeURIComponent(e.document.id)}`));
    assert.equal(await li.getByRole('group', { name: `Decide about ${c.name}` }).getByRole('button').count(), 3);
  }
  assert.ok(await page.locator('.shortcuts kbd', { hasText: 'r' }).count(), 'the keys are shown');
  assert.equal(await page.locator('#review-token').count(), 0, 'no token asked where mutations need none');
  // A filter lives in the URL.
  const kind = candidates[0].kind;
  await page.getByLabel('Kind').selectOption(kind);
  await page.waitForURL((url) => url.pathname === '/explore/review' && url.search === `?kind=${kind}`);
  await settled(page);
  const kinds = await gql('query($k: EntityKind) { candidates(kind: $k, first: 20) { nodes { key } } }', { k: kind });
  assert.deepEqual(await items.evaluateAll((els) => els.map((e) => e.dataset.key)), kinds.candidates.nodes.map((c) => c.key));
  await page.goto(`${base}/explore/review?kind=${kind}&min=1000`);
  await settled(page);
  assert.equal(await items.count(), 0);
  assert.match(await page.locator('#review-count').innerText(), /No .*candidate is waiting/);
  assert.equal(await page.getByLabel('Kind').inputValue(), kind);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a reject from the keyboard takes the candidate off the list into the decisions; Undo brings it back', async () => {
  const { page, problems } = await open('/explore/review');
  const keys = await page.locator('ol.candidates > li.candidate').evaluateAll((els) => els.map((e) => e.dataset.key));
  assert.ok(keys.length >= 2);
  const [key, next] = keys;
  // A key typed in a field is text, not a decision.
  await page.locator('header .search-input').focus();
  await page.keyboard.press('r');
  await page.locator('header .search-input').fill('');
  await page.keyboard.press('Tab');
  await page.keyboard.press('j');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.key), key, 'j focuses the first candidate');
  await page.keyboard.press('j');
  await page.keyboard.press('k');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.key), key, 'k goes back');
  await page.keyboard.press('r');
  await page.waitForSelector(candidate(key), { state: 'detached' });
  assert.match(await page.locator('#review-status').innerText(), /Rejected/);
  const decision = page.locator('ol.decisions > li').first();
  assert.equal(await decision.getAttribute('data-action'), 'REJECT');
  assert.equal(await decision.getAttribute('data-candidate'), key);
  assert.equal(await page.evaluate(() => document.activeElement.dataset.key), next, 'the next candidate takes the focus');
  const { reviews } = await gql('{ reviews(first: 5) { id action candidate undone } }');
  assert.deepEqual(reviews.filter((r) => r.action === 'REJECT' && !r.undone).map((r) => r.candidate), [key], 'one rejection, of the focused candidate');
  const id = reviews[0].id;
  await page.locator('#review-status').getByRole('button', { name: 'Undo' }).click();
  await page.waitForSelector(candidate(key));
  await page.waitForSelector(`ol.decisions > li.undone[data-review="${id}"]`);
  assert.ok(await page.locator(`ol.decisions > li[data-review="${id}"] button`).isDisabled());
  assert.equal(await page.evaluate(() => document.activeElement.dataset.key), key, 'the candidate back takes the focus');
  const candidates = (await gql('{ candidates(first: 50) { nodes { key } } }')).candidates.nodes;
  assert.ok(candidates.some((c) => c.key === key), 'proposed again');
  assert.deepEqual(problems, []);
  await page.close();
});

test('accepting a candidate through its form makes an entity, a refusal shows beside the form, and u undoes it', async () => {
  const candidates = (await gql('{ candidates(first: 20) { nodes { key name kind proposal { id name } } } }')).candidates.nodes;
  // An organization can be in a cluster (a place cannot).
  const c = candidates.find((x) => x.kind === 'ORGANIZATION' && /^[A-Za-z][A-Za-z ]+$/.test(x.name));
  assert.ok(c, 'an organization among the candidates');
  const id = `explorer-test-${c.proposal.id}`;
  const { page, problems } = await open('/explore/review');
  const li = page.locator(candidate(c.key));
  await li.getByRole('button', { name: 'Accept…' }).click();
  const form = li.getByRole('form', { name: `Accept ${c.name} as a new entity` });
  assert.equal(await form.getByLabel('Id').inputValue(), c.proposal.id, 'prefilled from the proposal');
  assert.equal(await form.getByLabel('Name', { exact: true }).inputValue(), c.proposal.name);
  // Escape closes the form, from a field too; `a` opens it again.
  await form.getByLabel('Id').press('Escape');
  assert.equal(await li.locator('form.decide').count(), 0);
  assert.equal(await page.evaluate(() => document.activeElement.dataset.key), c.key);
  await page.keyboard.press('a');
  // An id an entity has: the server's refusal is shown beside the form, which stays open.
  await form.getByLabel('Id').fill('bda');
  await form.getByRole('button', { name: 'Accept', exact: true }).click();
  await form.locator('.form-error', { hasText: 'already exists' }).waitFor();
  await form.getByLabel('Id').fill(id);
  await form.getByLabel('Other spellings').fill(`${c.name} test spelling`);
  await form.getByLabel('Clusters').fill('future-health');
  await form.getByRole('button', { name: 'Accept', exact: true }).click();
  const link = page.locator(`#review-status a[href="/explore/entity/${id}"]`);
  await page.waitForSelector(`#review-status a[href="/explore/entity/${id}"], ${candidate(c.key)} .form-error:not(:empty)`);
  assert.equal(await li.locator('.form-error').count(), 0, 'accepted');
  assert.match(await page.locator('#review-status').innerText(), /^Accepted /);
  assert.equal(await li.count(), 0, 'the candidate left the list');
  await link.click();
  await page.waitForURL(`**/explore/entity/${id}`);
  await settled(page);
  assert.ok((await page.locator('h1').innerText()).includes(c.proposal.name));
  assert.ok((await page.locator('.aliases').innerText()).includes(`${c.name} test spelling`));
  assert.ok(await page.locator('section[aria-labelledby=s-clusters] a[href="/explore/cluster/future-health"]').count(), 'in the cluster given');
  await page.goBack();
  await settled(page);
  // `u`: the last decision undone; the graph is as it was.
  await page.keyboard.press('u');
  await page.waitForSelector(candidate(c.key));
  assert.match(await page.locator('#review-status').innerText(), /^Undone: accepted/);
  const { lookup, reviews } = await gql('query($n: String!) { lookup(name: $n) { id } reviews(first: 1) { action entity undone } }', { n: `${c.name} test spelling` });
  assert.deepEqual(lookup, []);
  assert.deepEqual(reviews, [{ action: 'ACCEPT', entity: id, undone: true }]);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a decision made elsewhere refreshes an open review in place, keeping an open form, and says what changed', async () => {
  const { page, problems } = await open('/explore/review');
  const items = page.locator('ol.candidates > li.candidate');
  const key = await items.last().getAttribute('data-key');
  // A form half filled in on another candidate.
  await items.first().getByRole('button', { name: 'Accept…' }).click();
  await page.locator('form.decide').getByLabel('Chinese name').fill('半填');
  const { rejectCandidate } = await gql('mutation($k: String!) { rejectCandidate(key: $k) { review { id } } }', { k: key });
  await page.waitForSelector(candidate(key), { state: 'detached' });
  assert.match(await page.locator('#live').innerText(), /The graph changed .*a review decision/);
  assert.equal(await page.locator('form.decide').getByLabel('Chinese name').inputValue(), '半填', 'the form is as it was');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'accept-nameZh', 'and the focus in it');
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('form.decide').count(), 0);
  await page.waitForSelector(`ol.decisions > li[data-review="${rejectCandidate.review.id}"]:not(.undone)`);
  await gql('mutation($id: ID!) { undoReview(id: $id) { review { undone } } }', { id: rejectCandidate.review.id });
  await page.waitForSelector(candidate(key));
  assert.deepEqual(problems, []);
  await page.close();
});

test('an alias chosen by type-ahead adds the spelling to the entity; the Undo of the decisions takes it off', async () => {
  const candidates = (await gql('{ candidates(first: 20) { nodes { key name aliasOf { id } } } }')).candidates.nodes;
  const c = candidates.find((x) => /^[A-Za-z][A-Za-z ]+$/.test(x.name) && !x.aliasOf);
  assert.ok(c, 'a candidate in Latin letters');
  const { page, problems } = await open('/explore/review');
  await page.locator(candidate(c.key)).getByRole('button', { name: 'Reject' }).focus();
  await page.keyboard.press('l');
  const form = page.getByRole('form', { name: `Add ${c.name} as a spelling of a known entity` });
  const entity = form.getByRole('combobox', { name: 'Entity' });
  assert.equal(await page.evaluate(() => document.activeElement.id), 'alias-entity', 'the focus is in the form');
  assert.equal(await form.getByLabel('Spelling').inputValue(), c.name);
  await entity.fill('亦莊');
  await form.locator('[role=option]').first().waitFor();
  await entity.press('ArrowDown');
  await entity.press('Enter');
  assert.equal(await entity.inputValue(), 'bda', 'the Traditional spelling finds the zone');
  await form.getByRole('button', { name: 'Add the spelling' }).click();
  await page.waitForSelector('#review-status a[href="/explore/entity/bda"]');
  assert.match(await page.locator('#review-status').innerText(), /^Added .* as a spelling of /);
  // The list is read again once the new graph is published, which may come after the status.
  await page.waitForSelector(candidate(c.key), { state: 'detached' });
  const { lookup } = await gql('query($n: String!) { lookup(name: $n) { id } }', { n: c.name });
  assert.deepEqual(lookup.map((e) => e.id), ['bda']);
  const decision = page.locator('ol.decisions > li').first();
  assert.equal(await decision.getAttribute('data-action'), 'ALIAS');
  await decision.getByRole('button', { name: /^Undo/ }).click();
  await page.waitForSelector(candidate(c.key));
  assert.deepEqual((await gql('query($n: String!) { lookup(name: $n) { id } }', { n: c.name })).lookup, []);
  assert.deepEqual(problems, []);
  await page.close();
});
