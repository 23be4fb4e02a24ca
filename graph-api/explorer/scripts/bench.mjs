// How long the explorer takes to lay out an ego network of N nodes and make it clickable, in
// headless Chromium:  node scripts/bench.mjs http://127.0.0.1:PORT [nodes=200] [runs=7]
// (bench/explorer.sh serves a generated workload and runs this). The centre is the entity of
// highest degree; `top=N` at depth 2 keeps the N most central entities of its neighbourhood.
// Prints, per run and as the median: the layout (fCoSE, from the data in hand to the first frame
// of the finished picture) and the whole page (navigation to a clickable drawing), in wall-clock
// time, and the main thread's CPU time (Chromium's ThreadTime) of the same layout run again in
// place, which other work on a shared machine does not inflate. The load average is printed.
import { loadavg } from 'node:os';
import { launch, settled, watchedPage } from './browser.mjs';

const [base, nodesArg = '200', runsArg = '7'] = process.argv.slice(2);
if (!base) throw new Error('usage: node scripts/bench.mjs http://127.0.0.1:PORT [nodes] [runs]');
const want = Number(nodesArg);
const runs = Number(runsArg);

async function gql(query) {
  const r = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return (await r.json()).data;
}
// The most connected entity: its neighbourhood at depth 2 has at least N entities.
const all = [];
for (let after = null; ; ) {
  const { entities } = await gql(`{ entities(first: 1000${after ? `, after: ${JSON.stringify(after)}` : ''}) { nodes { id degree } pageInfo { hasNextPage endCursor } } }`);
  all.push(...entities.nodes);
  if (!entities.pageInfo.hasNextPage) break;
  after = entities.pageInfo.endCursor;
}
const centre = all.sort((a, b) => b.degree - a.degree || a.id.localeCompare(b.id))[0].id;
const path = `/explore/entity/${encodeURIComponent(centre)}?depth=2&top=${want}`;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const context = await launch();
const { page, problems } = await watchedPage(context, base);
await page.setViewportSize({ width: 1280, height: 900 });
const cdp = await context.newCDPSession(page);
await cdp.send('Performance.enable');
const threadTime = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ThreadTime').value * 1000;
const layout = [];
const total = [];
const cpu = [];
let size = null;
for (let i = 0; i < runs + 1; i++) {
  // A fresh document each time, so that every run parses, fetches, lays out and draws.
  const started = Date.now();
  await page.goto(base + path);
  await settled(page);
  const elapsed = Date.now() - started;
  // The layout again, in place: wall-clock and main-thread CPU time of fCoSE alone.
  const cpu0 = await threadTime();
  const again = await page.evaluate(() => window.kgraphRelayout());
  const used = (await threadTime()) - cpu0;
  const m = await page.evaluate(() => {
    const cy = window.kgraphDrawing;
    const phase = (name) => performance.getEntriesByName(name).pop()?.duration ?? NaN;
    return {
      ms: window.kgraphReadyMs,
      nodes: cy.nodes().length,
      edges: cy.edges().length,
      create: phase('kgraph:create'),
      layout: phase('kgraph:layout'),
      frame: phase('kgraph:frame') - phase('kgraph:layout'),
    };
  });
  // The drawing takes a click: a tap on a node is handled (it opens that entity).
  const clickable = await page.evaluate(() => {
    const cy = window.kgraphDrawing;
    let heard = false;
    cy.one('tap', 'node', () => { heard = true; });
    cy.nodes()[1].emit('tap');
    return heard;
  });
  if (!clickable) throw new Error('the drawing did not take a tap');
  size = m;
  // The first run warms the browser's caches and JIT; it is not counted.
  if (i === 0) continue;
  layout.push(m.ms);
  total.push(elapsed);
  cpu.push(used);
  console.log(`run ${i}: layout to interactive ${m.ms.toFixed(0)} ms (create ${m.create.toFixed(0)}, layout ${m.layout.toFixed(0)}, first frame ${m.frame.toFixed(0)}), page to interactive ${elapsed} ms, layout again ${again.toFixed(0)} ms wall, ${used.toFixed(0)} ms main-thread CPU`);
}
await context.close();
console.log(`ego network of ${size.nodes} nodes and ${size.edges} edges around ${centre} (depth 2, top ${want}), ${runs} runs in headless Chromium:`);
console.log(`median layout to interactive: ${median(layout).toFixed(0)} ms (min ${Math.min(...layout).toFixed(0)}, max ${Math.max(...layout).toFixed(0)})`);
console.log(`median page to interactive: ${median(total)} ms (navigation, GraphQL queries, layout, first frame)`);
console.log(`median main-thread CPU of the layout alone: ${median(cpu).toFixed(0)} ms`);
console.log(`load average while measuring: ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${(await import('node:os')).cpus().length} cores`);
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
