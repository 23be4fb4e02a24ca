// The entity view, /explore/entity/<id>: who or what it is, its roles, clusters and parks, and
// its ego network, drawn and listed. The filters live in the URL (?depth=2&rel=ROLE,CO_MENTION
// &min=2&among=1&top=100&from=2024&to=2024-06), so a filtered picture can be linked and survives
// a live refresh.
import { gql, RELATION_KINDS, type EntityRef, type Kind, type Origin, type RelationKind } from '../api';
import { bothNames, present, entityHref, entityLink, go, h, kindBadge, legend, section } from '../dom';
import { draw, type DrawEdge, type Drawing } from '../graph';
import type { Rendered, ViewContext } from '../main';
import { downloads, ORIGIN_WORDS, RELATION_WORDS, showEvidence, type ViewFilter } from '../parts';

interface Entity extends EntityRef {
  aliases: string[];
  description: string | null;
  mentionCount: number;
  documentCount: number;
  degree: number;
  parent: EntityRef | null;
  roles: {
    title: string;
    origin: Origin;
    since: string | null;
    until: string | null;
    organization: EntityRef | null;
    evidence: { document: { id: string; date: string | null } }[];
  }[];
  clusters: { group: EntityRef; origin: Origin; via: EntityRef[] }[];
  relations: { kind: RelationKind; origin: Origin; label: string; weight: number; source: EntityRef; target: EntityRef }[];
  documents: { id: string; title: string | null; date: string | null }[];
}

interface Sub {
  nodes: (EntityRef & { mentionCount: number })[];
  edges: { kind: RelationKind; origin: Origin; label: string; weight: number; source: { id: string }; target: { id: string } }[];
}

const REF = 'id kind name nameZh';

export interface EgoFilter {
  depth: 1 | 2;
  relations: RelationKind[];
  minWeight: number;
  /** Co-mentions between two entities equally far from the centre. */
  among: boolean;
  top: number | null;
  /** Count only the documents dated in this span (YYYY, YYYY-MM or YYYY-MM-DD). */
  from: string | null;
  to: string | null;
}

const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

function readDate(value: string | null): string | null {
  const v = (value ?? '').trim();
  return DATE.test(v) ? v : null;
}

export function readFilter(query: URLSearchParams): EgoFilter {
  const rel = (query.get('rel') ?? '')
    .split(',')
    .filter((r): r is RelationKind => (RELATION_KINDS as string[]).includes(r));
  const top = Number(query.get('top'));
  return {
    depth: query.get('depth') === '2' ? 2 : 1,
    relations: rel,
    minWeight: Math.max(1, Number(query.get('min')) || 1),
    among: query.get('among') === '1',
    top: Number.isInteger(top) && top > 0 ? top : null,
    from: readDate(query.get('from')),
    to: readDate(query.get('to')),
  };
}

function writeFilter(f: EgoFilter): string {
  const q = new URLSearchParams();
  if (f.depth === 2) q.set('depth', '2');
  if (f.relations.length) q.set('rel', f.relations.join(','));
  if (f.minWeight > 1) q.set('min', String(f.minWeight));
  if (f.among) q.set('among', '1');
  if (f.top) q.set('top', String(f.top));
  if (f.from) q.set('from', f.from);
  if (f.to) q.set('to', f.to);
  const s = q.toString();
  return s ? `?${s}` : '';
}

function datesOf(evidence: { document: { date: string | null } }[]): string {
  const dates = [...new Set(evidence.map((e) => e.document.date).filter((d): d is string => !!d))].sort();
  if (!dates.length) return '';
  return dates.length === 1 ? `stated ${dates[0]}` : `stated ${dates[0]} to ${dates[dates.length - 1]}`;
}

export async function entityView({ params, query, main }: ViewContext): Promise<Rendered> {
  const id = params[0] ?? '';
  const filter = readFilter(query);
  const data = await gql<{ entity: Entity | null }>(
    `query($id: ID!) { entity(id: $id) {
      ${REF} aliases description mentionCount documentCount degree parent { ${REF} }
      roles(first: 200) { title origin since until organization { ${REF} } evidence(first: 20) { document { id date } } }
      clusters { group { ${REF} } origin via { ${REF} } }
      relations { kind origin label weight source { ${REF} } target { ${REF} } }
      documents(first: 50) { id title date }
    } }`,
    { id },
  );
  const e = data.entity;
  if (!e) {
    main.append(h('section', { class: 'card' }, h('h1', {}, 'No such entity'), h('p', {}, `The graph has no entity “${id}”. `, h('a', { href: `/explore?q=${encodeURIComponent(id)}` }, 'Search for it'), '.')));
    return { title: 'No such entity' };
  }
  const ego = await egoNetwork(e, filter);
  const items = new Map<string, string>();
  for (const r of e.relations) {
    const other = r.source.id === e.id ? r.target : r.source;
    items.set(`r:${r.kind}:${r.origin}:${r.label}:${other.id}`, `${RELATION_WORDS[r.kind]} with ${bothNames(other)}`);
  }
  for (const n of ego.nodes) items.set(`n:${n}`, `${n} drawn`);

  const parks = e.relations.filter((r) => (r.kind === 'LOCATED_IN' || r.kind === 'PART_OF') && (r.source.id === e.id ? r.target : r.source).kind === 'PARK');
  main.append(...present(
    h(
      'header',
      { class: 'card entity-head' },
      h('p', {}, kindBadge(e.kind)),
      h('h1', {}, e.name, e.nameZh ? h('span', { class: 'zh', lang: 'zh' }, ` ${e.nameZh}`) : null),
      e.description ? h('p', { class: 'lead' }, e.description) : null,
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, 'Id'),
        h('dd', {}, h('code', {}, e.id)),
        h('dt', {}, 'Mentions'),
        h('dd', {}, `${e.mentionCount} in ${e.documentCount} documents; related to ${e.degree} entities`),
        e.aliases.length ? [h('dt', {}, 'Aliases'), h('dd', { class: 'aliases' }, e.aliases.join(' · '))] : null,
        e.parent ? [h('dt', {}, 'Part of'), h('dd', {}, entityLink(e.parent))] : null,
        e.kind === 'CLUSTER' ? [h('dt', {}, 'Members'), h('dd', {}, h('a', { href: entityHref(e) }, 'the cluster view'))] : null,
      ),
    ),
    e.roles.length
      ? section(
          'Roles',
          h(
            'ul',
            { class: 'roles' },
            e.roles.map((r) =>
              h(
                'li',
                {},
                h('strong', {}, r.title),
                r.organization ? [' — ', entityLink(r.organization)] : null,
                h('span', { class: `origin origin-${r.origin}` }, ORIGIN_WORDS[r.origin]),
                r.since || r.until ? h('span', { class: 'dates' }, ` ${r.since ?? '…'} – ${r.until ?? 'now'}`) : null,
                datesOf(r.evidence) ? h('span', { class: 'muted' }, ` ${datesOf(r.evidence)}`) : null,
              ),
            ),
          ),
        )
      : null,
    e.clusters.length
      ? section(
          'Clusters',
          h(
            'ul',
            { class: 'chips' },
            e.clusters.map((c) =>
              h('li', {}, entityLink(c.group), h('span', { class: `origin origin-${c.origin}` }, ORIGIN_WORDS[c.origin]), c.via.length ? h('span', { class: 'muted' }, ` via ${c.via.map((v) => v.name).join(', ')}`) : null),
            ),
          ),
        )
      : null,
    parks.length
      ? section(
          'Parks',
          h(
            'ul',
            { class: 'chips' },
            parks.map((r) => {
              const other = r.source.id === e.id ? r.target : r.source;
              return h('li', {}, r.source.id === e.id ? `${RELATION_WORDS[r.kind]} ` : 'has ', entityLink(other), h('span', { class: `origin origin-${r.origin}` }, ORIGIN_WORDS[r.origin]));
            }),
          ),
        )
      : null,
    ego.element,
    e.documents.length
      ? section(
          `Documents (${e.documents.length})`,
          h('ul', { class: 'results' }, e.documents.map((d) => h('li', {}, h('a', { href: `/explore/document/${encodeURIComponent(d.id)}` }, d.title ?? d.id), h('span', { class: 'muted' }, ` ${d.date ?? 'undated'}`)))),
        )
      : null,
  ));
  return { title: bothNames(e), items, mounted: ego.start };
}

/**
 * The ego network: filters, the drawing, the same relations as a table, and the evidence panel.
 * The drawing starts after the element is in the page (`start`), since Cytoscape needs its size.
 */
async function egoNetwork(e: Entity, f: EgoFilter): Promise<{ element: HTMLElement; nodes: string[]; start: () => void }> {
  const gf: ViewFilter = {
    entity: e.id,
    depth: f.depth,
    relations: f.relations,
    minWeight: f.minWeight,
    top: f.top ?? undefined,
    from: f.from ?? undefined,
    to: f.to ?? undefined,
  };
  const data = await gql<{ subgraph: Sub }>(
    `query($f: GraphFilter) { subgraph(filter: $f) { nodes { ${REF} mentionCount } edges { kind origin label weight source { id } target { id } } } }`,
    { f: { entity: gf.entity, depth: gf.depth, relations: gf.relations?.length ? gf.relations : undefined, minWeight: gf.minWeight, top: gf.top, from: gf.from, to: gf.to } },
  );
  const sub = data.subgraph;
  const byId = new Map(sub.nodes.map((n) => [n.id, n]));
  // Distances from the centre over every edge of the subgraph. In a zone's news everything is
  // named beside everything: a picture with every co-mention (and every membership inferred
  // from one sentence) turns into felt, and takes seconds to lay out. Unless asked for, such
  // loose links are kept only where they join an entity to the centre, or an entity further out
  // to the closer one it is most often named with, when no stated relation joins it inwards.
  const dist = new Map<string, number>([[e.id, 0]]);
  const adjacent = new Map<string, string[]>();
  for (const x of sub.edges) {
    adjacent.set(x.source.id, [...(adjacent.get(x.source.id) ?? []), x.target.id]);
    adjacent.set(x.target.id, [...(adjacent.get(x.target.id) ?? []), x.source.id]);
  }
  const queue = [e.id];
  while (queue.length) {
    const at = queue.shift() as string;
    for (const next of adjacent.get(at) ?? []) {
      if (!dist.has(next)) {
        dist.set(next, (dist.get(at) ?? 0) + 1);
        queue.push(next);
      }
    }
  }
  const inward = (x: Sub['edges'][number]): string | null => {
    const [ds, dt] = [dist.get(x.source.id), dist.get(x.target.id)];
    if (ds === undefined || dt === undefined || ds === dt) return null;
    return ds > dt ? x.source.id : x.target.id;
  };
  const loose = (x: Sub['edges'][number]) => x.kind === 'CO_MENTION' || x.origin === 'INFERRED';
  const typedInward = new Set(sub.edges.filter((x) => !loose(x)).map(inward).filter((n) => n !== null));
  const parent = new Map<string, Sub['edges'][number]>();
  for (const x of sub.edges) {
    const outer = inward(x);
    if (!loose(x) || outer === null || dist.get(outer) === 1 || typedInward.has(outer)) continue;
    const best = parent.get(outer);
    if (!best || x.weight > best.weight) parent.set(outer, x);
  }
  const keep = (x: Sub['edges'][number]): boolean => {
    if (f.among || !loose(x)) return true;
    if (x.source.id === e.id || x.target.id === e.id) return true;
    const outer = inward(x);
    return outer !== null && parent.get(outer) === x;
  };
  const edges: DrawEdge[] = sub.edges
    .filter(keep)
    .map((x, i) => ({ id: `e${i}`, source: x.source.id, target: x.target.id, kind: x.kind, weight: x.weight, origin: x.origin, label: x.label }));
  const nodes = sub.nodes.filter((n) => dist.has(n.id));

  const panel = h('div', { class: 'evidence-panel', id: 'evidence', 'aria-live': 'polite' }, h('p', { class: 'muted' }, 'Click a relation in the drawing or choose “Evidence” in the list to read the sentences behind it.'));
  const showEdge = (x: DrawEdge) => void showEvidence(panel, x.source, x.target, { kind: x.kind, origin: x.origin, label: x.kind === 'ROLE' ? x.label : undefined });
  const canvas = h('div', {
    class: 'drawing',
    role: 'img',
    'aria-label': `Drawing of ${nodes.length} entities and ${edges.length} relations around ${e.name}; the same relations are listed in the table`,
  });
  let drawing: Drawing | null = null;

  const apply = (change: Partial<EgoFilter>) => go(`/explore/entity/${encodeURIComponent(e.id)}${writeFilter({ ...f, ...change })}`, true);
  const controls = h(
    'form',
    { class: 'filters', 'aria-label': 'Filters of the drawing', onsubmit: (ev: Event) => ev.preventDefault() },
    h(
      'fieldset',
      {},
      h('legend', {}, 'Depth'),
      ...[1, 2].map((d) =>
        h('label', {}, h('input', { type: 'radio', name: 'depth', value: d, checked: f.depth === d, onchange: () => apply({ depth: d as 1 | 2 }) }), ` ${d}`),
      ),
    ),
    h(
      'fieldset',
      { class: 'kinds' },
      h('legend', {}, 'Relations'),
      ...RELATION_KINDS.map((k) =>
        h(
          'label',
          {},
          h('input', {
            type: 'checkbox',
            name: 'rel',
            value: k,
            checked: f.relations.length === 0 || f.relations.includes(k),
            onchange: (ev: Event) => {
              const form = (ev.target as HTMLInputElement).form as HTMLFormElement;
              const on = [...form.querySelectorAll<HTMLInputElement>('input[name=rel]:checked')].map((i) => i.value as RelationKind);
              apply({ relations: on.length === RELATION_KINDS.length ? [] : on });
            },
          }),
          ` ${RELATION_WORDS[k]}`,
        ),
      ),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Weight'),
      h('label', {}, 'at least ', h('input', { type: 'number', name: 'min', min: 1, max: 100, value: f.minWeight, onchange: (ev: Event) => apply({ minWeight: Math.max(1, Number((ev.target as HTMLInputElement).value) || 1) }) })),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Co-mentions and inferred links'),
      h('label', {}, h('input', { type: 'checkbox', name: 'among', checked: f.among, onchange: (ev: Event) => apply({ among: (ev.target as HTMLInputElement).checked }) }), ' all, among neighbours too'),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Reported'),
      ...(['from', 'to'] as const).map((end) =>
        h(
          'label',
          {},
          `${end} `,
          h('input', {
            type: 'text',
            name: end,
            size: 10,
            placeholder: 'YYYY-MM-DD',
            pattern: '\\d{4}(-\\d{2}(-\\d{2})?)?',
            value: f[end] ?? '',
            onchange: (ev: Event) => {
              const input = ev.target as HTMLInputElement;
              const v = input.value.trim();
              if (v && !DATE.test(v)) {
                input.setCustomValidity('A date: YYYY, YYYY-MM or YYYY-MM-DD');
                input.reportValidity();
                return;
              }
              input.setCustomValidity('');
              apply(end === 'from' ? { from: v || null } : { to: v || null });
            },
          }),
        ),
      ),
    ),
  );

  const rows = edges
    .map((x) => {
      const centre = x.source === e.id || x.target === e.id;
      const other = byId.get(x.source === e.id ? x.target : x.source);
      return { x, centre, other };
    })
    .sort((a, b) => Number(b.centre) - Number(a.centre) || b.x.weight - a.x.weight);
  const table = h(
    'table',
    { class: 'relations' },
    h('caption', {}, `Relations drawn (${edges.length})`),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Kind'), h('th', { scope: 'col' }, 'Other entity'), h('th', { scope: 'col' }, 'Weight'), h('th', { scope: 'col' }, 'Origin'), h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Evidence')))),
    h(
      'tbody',
      {},
      rows.map(({ x, centre, other }) => {
        const s = byId.get(x.source);
        const t = byId.get(x.target);
        return h(
          'tr',
          { 'data-kind': x.kind, 'data-other': other?.id ?? '' },
          h('td', {}, RELATION_WORDS[x.kind], x.kind === 'ROLE' ? h('span', { class: 'muted' }, ` ${x.label}`) : null),
          h('td', {}, centre && other ? entityLink(other, true) : [s ? entityLink(s, true) : x.source, ' – ', t ? entityLink(t, true) : x.target]),
          h('td', { class: 'num' }, x.weight),
          h('td', {}, ORIGIN_WORDS[x.origin]),
          h('td', {}, h('button', { type: 'button', class: 'link', onclick: () => showEdge(x), 'aria-label': `Evidence of ${RELATION_WORDS[x.kind]} ${s?.name ?? x.source} – ${t?.name ?? x.target}` }, 'Evidence')),
        );
      }),
    ),
  );

  // The table goes in once the picture is on screen: laying out its hundreds of rows takes the
  // browser a tenth of a second that the drawing need not wait for.
  const tableWrap = h('div', { class: 'table-wrap' });
  const element = section(
    'Ego network',
    controls,
    h(
      'div',
      { class: 'ego' },
      h('div', { class: 'ego-drawing' }, canvas, legend(), downloads(e.id, gf, () => drawing)),
      h('div', { class: 'ego-side' }, panel, tableWrap),
    ),
  );
  const start = () => {
    performance.mark('ego:data');
    drawing = draw(
      canvas,
      nodes.map((n) => ({ id: n.id, label: n.name, kind: n.kind as Kind, size: n.mentionCount + 1, centre: n.id === e.id })),
      edges,
      {
        node: (id) => {
          const n = byId.get(id);
          if (n && n.id !== e.id) go(entityHref(n));
        },
        edge: showEdge,
      },
    );
    // For the browser tests and the benchmark: the drawing, and how long it took to be ready.
    const w = window as unknown as { kgraphDrawing?: unknown; kgraphRelayout?: () => number; kgraphReadyMs?: number };
    w.kgraphDrawing = drawing.cy;
    w.kgraphRelayout = drawing.relayout;
    delete w.kgraphReadyMs;
    void drawing.ready.then((ms) => {
      w.kgraphReadyMs = ms;
      // After the frame that shows the picture has been painted.
      setTimeout(() => {
        tableWrap.append(table);
        canvas.dataset.ready = 'true';
      });
    });
  };
  return { element, nodes: nodes.map((n) => n.id), start };
}
