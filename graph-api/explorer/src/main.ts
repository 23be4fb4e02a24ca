// The explorer's shell: the layout, the router (every view has its own URL under /explore) and
// the live updates that refresh the open view when the graph changes.
import './style.css';
import { onGraphChanged, type GraphChange } from './api';
import { h } from './dom';
import { searchBox, searchView } from './views/search';
import { entityView } from './views/entity';
import { documentView } from './views/document';
import { clusterView } from './views/cluster';
import { reviewView } from './views/review';

/** What a view hands back: its title, and the things it shows, to tell what a change changed. */
export interface Rendered {
  title: string;
  /** Each shown item by a stable key, with the words that describe it. */
  items?: Map<string, string>;
  /** Runs once the view is in the page (a drawing needs its size). */
  mounted?: () => void;
  /**
   * Takes a graph change in place, keeping what the reader is in the middle of (an open form),
   * instead of a new render; answers the items now shown, and `quiet` when the view made the
   * change itself and has said so already.
   */
  refresh?: (change: GraphChange) => Promise<{ items: Map<string, string>; quiet?: boolean }>;
}

export interface ViewContext {
  params: string[];
  query: URLSearchParams;
  main: HTMLElement;
}

type View = (ctx: ViewContext) => Promise<Rendered>;

/** The routes, tried in order. A new view is one more line here and one more entry in `NAV`. */
const ROUTES: [RegExp, string, View][] = [
  [/^\/explore\/?$/, 'search', searchView],
  [/^\/explore\/entity\/([^/]+)\/?$/, 'entity', entityView],
  [/^\/explore\/document\/([^/]+)\/?$/, 'document', documentView],
  [/^\/explore\/cluster\/([^/]+)\/?$/, 'cluster', clusterView],
  [/^\/explore\/review\/?$/, 'review', reviewView],
];

const NAV: [string, string][] = [
  ['/explore', 'Search'],
  ['/explore/entity/bda', 'The zone'],
  ['/explore/cluster/future-health', 'Future health'],
  ['/explore/review', 'Review'],
];

const main = h('main', { id: 'main', tabindex: '-1' });
const live = h('div', { id: 'live', class: 'live', role: 'status', 'aria-live': 'polite' });
const liveDot = h('span', { class: 'live-dot', title: 'Live updates: connecting' }, 'live');
let shown: Rendered | null = null;
let rendering = 0;

function layout(): void {
  const app = document.getElementById('app');
  if (!app) return;
  app.replaceChildren(
    h('a', { class: 'skip', href: '#main' }, 'Skip to content'),
    h(
      'header',
      { class: 'top' },
      h('a', { class: 'brand', href: '/explore' }, 'kgraph', h('span', {}, ' explorer')),
      searchBox('header'),
      h(
        'nav',
        { 'aria-label': 'Views' },
        NAV.map(([href, label]) => h('a', { href }, label)),
        h('a', { href: '/playground', 'data-external': 'true' }, 'Playground'),
        liveDot,
      ),
    ),
    live,
    main,
    h(
      'footer',
      {},
      'Every answer of this explorer comes from kgraph’s public GraphQL API (',
      h('a', { href: '/schema.graphql', 'data-external': 'true' }, 'schema'),
      ').',
    ),
  );
}

/** Renders the view of the current URL. `change` is set when a graph change caused it. */
async function render(change?: GraphChange): Promise<void> {
  const turn = ++rendering;
  const path = location.pathname;
  const query = new URLSearchParams(location.search);
  let view: View = notFound;
  let name = 'not-found';
  let params: string[] = [];
  for (const [pattern, n, v] of ROUTES) {
    const m = pattern.exec(path);
    if (m) {
      view = v;
      name = n;
      params = m.slice(1).map(decodeURIComponent);
      break;
    }
  }
  const target = h('div', { class: 'view' });
  let rendered: Rendered;
  try {
    rendered = await view({ params, query, main: target });
  } catch (e) {
    target.replaceChildren(h('section', { class: 'card error', role: 'alert' }, h('h1', {}, 'Something went wrong'), h('p', {}, String(e instanceof Error ? e.message : e))));
    rendered = { title: 'Error' };
  }
  // A later navigation has started: its page wins.
  if (turn !== rendering) return;
  const scroll = change ? window.scrollY : 0;
  main.replaceChildren(target);
  rendered.mounted?.();
  document.title = `${rendered.title} — kgraph explorer`;
  if (change) {
    window.scrollTo(0, scroll);
    announce(change, shown, rendered);
  } else {
    window.scrollTo(0, 0);
  }
  shown = rendered;
  document.body.dataset.view = name;
  // Which address the page now shows (browser tests wait for it).
  main.dataset.ready = path + location.search;
}

/** A graph change for the view on screen: in place when the view can take it so, else a new render. */
async function update(change: GraphChange): Promise<void> {
  const before = shown;
  if (!before?.refresh || main.dataset.ready !== location.pathname + location.search) return render(change);
  const turn = rendering;
  let now: { items: Map<string, string>; quiet?: boolean };
  try {
    now = await before.refresh(change);
  } catch {
    return render(change);
  }
  if (turn !== rendering || shown !== before) return;
  shown = { ...before, items: now.items };
  if (!now.quiet) announce(change, before, shown);
}

async function notFound(ctx: ViewContext): Promise<Rendered> {
  ctx.main.append(
    h('section', { class: 'card' }, h('h1', {}, 'No such page'), h('p', {}, 'The explorer has no view at this address. ', h('a', { href: '/explore' }, 'Search the graph'), '.')),
  );
  return { title: 'Not found' };
}

function announce(change: GraphChange, before: Rendered | null, after: Rendered): void {
  const what: Record<string, string> = { INGEST: 'ingested', REMOVE: 'removed', RELOAD: 'dictionaries reloaded', REVIEW: 'a review decision' };
  const verb = what[change.reason] ?? change.reason.toLowerCase();
  const added: string[] = [];
  const removed: string[] = [];
  if (before?.items && after.items) {
    for (const [k, v] of after.items) if (!before.items.has(k)) added.push(v);
    for (const [k, v] of before.items) if (!after.items.has(k)) removed.push(v);
  }
  const parts = [
    h('strong', {}, 'The graph changed'),
    ` (version ${change.version}): `,
    change.document ? `document ${change.document} ${verb}` : verb,
    `; now ${change.documents} documents, ${change.entities} entities, ${change.relations} relations. `,
    added.length || removed.length
      ? `This view: ${[added.length ? `${added.length} new (${added.slice(0, 5).join('; ')}${added.length > 5 ? '…' : ''})` : '', removed.length ? `${removed.length} gone (${removed.slice(0, 5).join('; ')})` : ''].filter(Boolean).join(', ')}.`
      : 'Nothing in this view changed.',
  ];
  live.replaceChildren(h('p', {}, parts, ' ', h('button', { type: 'button', class: 'link', onclick: () => live.replaceChildren() }, 'Dismiss')));
  live.dataset.version = String(change.version);
}

/** Links inside the explorer change the URL without reloading the page. */
function navigate(href: string, replace = false): void {
  if (replace) history.replaceState(null, '', href);
  else history.pushState(null, '', href);
  live.replaceChildren();
  void render();
}

document.addEventListener('click', (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const a = (event.target as Element | null)?.closest?.('a');
  if (!a || a.hasAttribute('download') || a.dataset.external || a.target) return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin || !url.pathname.startsWith('/explore')) return;
  if (url.pathname === location.pathname && url.search === location.search && url.hash) return;
  event.preventDefault();
  navigate(url.pathname + url.search);
});
window.addEventListener('popstate', () => void render());
window.addEventListener('kgraph:navigate', (event) => {
  const detail = (event as CustomEvent<{ href: string; replace?: boolean }>).detail;
  navigate(detail.href, detail.replace);
});

layout();
void render();
onGraphChanged(
  (change) => void update(change),
  (connected) => {
    liveDot.classList.toggle('on', connected);
    liveDot.title = connected ? 'Live updates: connected' : 'Live updates: not connected';
  },
);
