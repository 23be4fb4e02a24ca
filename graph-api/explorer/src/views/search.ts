// Search: a type-ahead box (an ARIA combobox) and the results page at /explore?q=…
// Any spelling finds an entity: `lookup` matches whole names and aliases in any script and case
// (亦莊, 亦庄, Beijing E-Town), and `entities(search:)` matches parts of them.
import { gql, type EntityRef } from '../api';
import { bothNames, entityHref, go, h, kindBadge, section } from '../dom';
import type { Rendered, ViewContext } from '../main';

export interface Found extends EntityRef {
  mentionCount: number;
  documentCount: number;
}

const ENTITY = 'fragment E on Entity { id kind name nameZh mentionCount documentCount }';

/** Entities for `q`: exact spellings first, then those containing it (the review's type-ahead too). */
export async function findEntities(q: string, first: number): Promise<Found[]> {
  const data = await gql<{ lookup: Found[]; entities: { nodes: Found[] } }>(
    `query($q: String!, $first: Int!) { lookup(name: $q) { ...E } entities(search: $q, first: $first) { nodes { ...E } } } ${ENTITY}`,
    { q, first },
  );
  const seen = new Set<string>();
  const out: Found[] = [];
  for (const e of [...data.lookup, ...data.entities.nodes.sort((a, b) => b.mentionCount - a.mentionCount)]) {
    if (!seen.has(e.id)) {
      seen.add(e.id);
      out.push(e);
    }
  }
  return out;
}

function counts(e: Found): string {
  return `${e.mentionCount} mention${e.mentionCount === 1 ? '' : 's'} in ${e.documentCount} document${e.documentCount === 1 ? '' : 's'}`;
}

let boxes = 0;

/** The type-ahead box; Enter opens the highlighted entity, or the results page. */
export function searchBox(place: string, value = ''): HTMLElement {
  const n = ++boxes;
  const listId = `typeahead-${n}`;
  const input = h('input', {
    type: 'search',
    name: 'q',
    value,
    placeholder: 'Search: 亦莊, Kong Lei, 金蓝基因, BOE…',
    autocomplete: 'off',
    role: 'combobox',
    'aria-autocomplete': 'list',
    'aria-expanded': 'false',
    'aria-controls': listId,
    'aria-label': 'Search entities by any name, English or Chinese',
    class: 'search-input',
  });
  const list = h('ul', { id: listId, role: 'listbox', class: 'typeahead', hidden: true, 'aria-label': 'Matching entities' });
  let options: Found[] = [];
  let active = -1;
  let asked = 0;
  let timer = 0;

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const highlight = (i: number) => {
    active = i;
    [...list.children].forEach((li, j) => li.setAttribute('aria-selected', String(j === i)));
    if (i >= 0) input.setAttribute('aria-activedescendant', `${listId}-${i}`);
  };
  const show = (found: Found[]) => {
    options = found.slice(0, 8);
    list.replaceChildren(
      ...options.map((e, i) =>
        h(
          'li',
          {
            id: `${listId}-${i}`,
            role: 'option',
            'aria-selected': 'false',
            'data-entity': e.id,
            onmousedown: (ev: Event) => {
              ev.preventDefault();
              close();
              go(entityHref(e));
            },
          },
          kindBadge(e.kind),
          ' ',
          h('span', { class: 'name' }, bothNames(e)),
          h('span', { class: 'muted' }, ` ${e.mentionCount} mentions`),
        ),
      ),
    );
    list.hidden = options.length === 0;
    input.setAttribute('aria-expanded', String(!list.hidden));
    active = -1;
  };
  input.addEventListener('input', () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (!q) return close();
    timer = window.setTimeout(async () => {
      const turn = ++asked;
      try {
        const found = await findEntities(q, 8);
        if (turn === asked && input.value.trim() === q) show(found);
      } catch {
        close();
      }
    }, 120);
  });
  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'ArrowDown' && options.length) {
      ev.preventDefault();
      if (list.hidden) show(options);
      highlight((active + 1) % options.length);
    } else if (ev.key === 'ArrowUp' && options.length) {
      ev.preventDefault();
      highlight(active <= 0 ? options.length - 1 : active - 1);
    } else if (ev.key === 'Escape') {
      close();
    } else if (ev.key === 'Enter') {
      ev.preventDefault();
      const q = input.value.trim();
      const chosen = options[active];
      close();
      if (chosen) go(entityHref(chosen));
      else if (q) go(`/explore?q=${encodeURIComponent(q)}`);
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 100));
  return h(
    'form',
    { class: `search search-${place}`, role: 'search', onsubmit: (ev: Event) => ev.preventDefault() },
    input,
    list,
  );
}

export async function searchView({ query, main }: ViewContext): Promise<Rendered> {
  const q = (query.get('q') ?? '').trim();
  main.append(h('h1', {}, q ? `Results for “${q}”` : 'Explore the graph of Beijing E-Town'), searchBox('page', q));
  if (!q) return home(main);
  const [entities, docs] = await Promise.all([
    findEntities(q, 50),
    gql<{ search: { document: { id: string; title: string | null; date: string | null }; snippet: string }[] }>(
      'query($q: String!) { search(text: $q, first: 10) { document { id title date } snippet } }',
      { q },
    ),
  ]);
  const items = new Map<string, string>();
  for (const e of entities) items.set(`e:${e.id}`, bothNames(e));
  main.append(
    section(
      `Entities (${entities.length})`,
      entities.length
        ? h(
            'ol',
            { class: 'results', 'aria-label': 'Matching entities' },
            entities.map((e) =>
              h(
                'li',
                { 'data-entity': e.id },
                kindBadge(e.kind),
                ' ',
                h('a', { href: entityHref(e), class: 'result-name' }, e.name),
                e.nameZh ? h('span', { class: 'zh', lang: 'zh' }, ` ${e.nameZh}`) : null,
                h('span', { class: 'muted' }, ` — ${counts(e)}`),
              ),
            ),
          )
        : h('p', {}, 'No entity has this name or a name containing it.'),
    ),
    section(
      `Documents (${docs.search.length})`,
      docs.search.length
        ? h(
            'ol',
            { class: 'results' },
            docs.search.map((hit) =>
              h(
                'li',
                {},
                h('a', { href: `/explore/document/${encodeURIComponent(hit.document.id)}` }, hit.document.title ?? hit.document.id),
                hit.document.date ? h('span', { class: 'muted' }, ` ${hit.document.date}`) : null,
                h('p', { class: 'snippet' }, snippet(hit.snippet)),
              ),
            ),
          )
        : h('p', {}, 'No document contains this text.'),
    ),
  );
  return { title: `Search: ${q}`, items };
}

/** The snippet with its match (between 【 and 】) in a <mark>. */
function snippet(text: string): DocumentFragment {
  const out = document.createDocumentFragment();
  const m = /【([^】]*)】/.exec(text);
  if (!m) {
    out.append(text);
    return out;
  }
  out.append(text.slice(0, m.index), h('mark', {}, m[1]), text.slice(m.index + m[0].length));
  return out;
}

async function home(main: HTMLElement): Promise<Rendered> {
  const data = await gql<{
    stats: { documents: number; entities: number; relations: number; mentions: number };
    clusters: (EntityRef & { mentionCount: number; parent: { id: string } | null })[];
    documents: { nodes: { id: string; title: string | null; date: string | null; language: string }[] };
  }>(
    '{ stats { documents entities relations mentions } clusters { id kind name nameZh mentionCount parent { id } } documents(first: 50) { nodes { id title date language } } }',
  );
  const s = data.stats;
  const items = new Map<string, string>();
  for (const d of data.documents.nodes) items.set(`d:${d.id}`, `document ${d.title ?? d.id}`);
  const top = data.clusters.filter((c) => !c.parent).sort((a, b) => b.mentionCount - a.mentionCount);
  main.append(
    h(
      'p',
      { class: 'lead' },
      `${s.documents} documents, ${s.entities} entities, ${s.relations} relations, ${s.mentions} mentions. Search any spelling, or start from `,
      h('a', { href: '/explore/entity/bda' }, 'the development zone'),
      ', ',
      h('a', { href: '/explore/entity/kong-lei' }, 'Kong Lei'),
      ' or ',
      h('a', { href: '/explore/cluster/future-health' }, 'the future-health cluster'),
      '.',
    ),
    section(
      'Clusters',
      h('ul', { class: 'chips' }, top.map((c) => h('li', {}, h('a', { href: entityHref(c) }, bothNames(c)), h('span', { class: 'muted' }, ` ${c.mentionCount}`)))),
    ),
    section(
      'Documents',
      h(
        'ul',
        { class: 'results' },
        data.documents.nodes.map((d) =>
          h('li', {}, h('a', { href: `/explore/document/${encodeURIComponent(d.id)}` }, d.title ?? d.id), h('span', { class: 'muted' }, ` ${d.date ?? 'undated'} · ${d.language}`)),
        ),
      ),
    ),
  );
  return { title: 'Explore', items };
}
