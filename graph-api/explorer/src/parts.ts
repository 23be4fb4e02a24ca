// Pieces several views share: the evidence of a relation, and the downloads of a view.
import { gql, type EntityRef, type Evidence, type Origin, type RelationKind } from './api';
import { download, entityLink, h, highlighted } from './dom';
import type { Drawing } from './graph';

const EVIDENCE_FIELDS =
  'sentence sentenceIndex document { id title date } mentions { entity { id kind name nameZh } utf16Start utf16End }';

export const RELATION_WORDS: Record<RelationKind, string> = {
  CO_MENTION: 'co-mention',
  ROLE: 'role',
  IN_CLUSTER: 'in cluster',
  LOCATED_IN: 'located in',
  PART_OF: 'part of',
  ISSUED_BY: 'issued by',
};

export const ORIGIN_WORDS: Record<Origin, string> = {
  CURATED: 'curated',
  EXTRACTED: 'extracted',
  INFERRED: 'inferred',
};

/** One sentence of evidence: its mentions highlighted, and where it comes from. */
export function evidenceItem(ev: Evidence): HTMLElement {
  return h(
    'li',
    { class: 'evidence' },
    h('blockquote', { class: 'sentence' }, highlighted(ev.sentence, ev.mentions)),
    h(
      'p',
      { class: 'source' },
      '— ',
      h('a', { href: `/explore/document/${encodeURIComponent(ev.document.id)}` }, ev.document.title ?? ev.document.id),
      ev.document.date ? `, ${ev.document.date}` : '',
    ),
  );
}

interface RelationEvidence {
  kind: RelationKind;
  origin: Origin;
  label: string;
  weight: number;
  source: EntityRef;
  target: EntityRef;
  evidence: Evidence[];
}

/**
 * Fills `panel` with the evidence of the relations between `a` and `b` of one kind (and label
 * and origin, where given): every sentence, the mentions highlighted, a link to its document.
 */
export async function showEvidence(
  panel: HTMLElement,
  a: string,
  b: string,
  want: { kind: RelationKind; origin?: Origin; label?: string },
): Promise<void> {
  panel.replaceChildren(h('p', { class: 'muted' }, 'Loading the evidence…'));
  const data = await gql<{ relation: RelationEvidence[] }>(
    `query($a: ID!, $b: ID!) { relation(a: $a, b: $b) { kind origin label weight source { id kind name nameZh } target { id kind name nameZh } evidence(first: 50) { ${EVIDENCE_FIELDS} } } }`,
    { a, b },
  );
  const relations = data.relation.filter(
    (r) => r.kind === want.kind && (!want.origin || r.origin === want.origin) && (!want.label || r.label === want.label),
  );
  const first = relations[0];
  if (!first) {
    panel.replaceChildren(h('p', {}, 'This relation is no longer in the graph.'));
    return;
  }
  panel.replaceChildren(
    h(
      'h3',
      { tabindex: '-1', class: 'evidence-title' },
      'Evidence: ',
      entityLink(first.source),
      ` ${RELATION_WORDS[first.kind]}${first.kind === 'ROLE' ? ` (${first.label})` : ''} `,
      entityLink(first.target),
    ),
    ...relations.map((r) =>
      h(
        'div',
        { class: 'relation-evidence' },
        h('p', { class: 'muted' }, `${ORIGIN_WORDS[r.origin]}, weight ${r.weight}${r.evidence.length ? '' : ' — stated in the dictionaries; no sentence names both'}`),
        h('ol', { class: 'evidence-list' }, r.evidence.map(evidenceItem)),
      ),
    ),
  );
  (panel.querySelector('.evidence-title') as HTMLElement | null)?.focus();
}

/** The export filter of a view, as the /export.* routes and GraphQL `GraphFilter` take it. */
export interface ViewFilter {
  entity?: string;
  cluster?: string;
  depth?: number;
  relations?: RelationKind[];
  minWeight?: number;
  top?: number;
  from?: string;
  to?: string;
}

function exportQuery(f: ViewFilter): string {
  const q = new URLSearchParams();
  if (f.entity) q.set('entity', f.entity);
  if (f.cluster) q.set('cluster', f.cluster);
  if (f.depth) q.set('depth', String(f.depth));
  if (f.relations?.length) q.set('relation', f.relations.join(','));
  if (f.minWeight && f.minWeight > 1) q.set('minWeight', String(f.minWeight));
  if (f.top) q.set('top', String(f.top));
  if (f.from) q.set('from', f.from);
  if (f.to) q.set('to', f.to);
  return q.toString();
}

/** Downloads of the view: the drawing as SVG and PNG, the same part of the graph as files. */
export function downloads(name: string, filter: ViewFilter, drawing: () => Drawing | null): HTMLElement {
  const q = exportQuery(filter);
  const file = `kgraph-${name}`;
  return h(
    'div',
    { class: 'downloads', role: 'group', 'aria-label': 'Download this view' },
    h('span', { class: 'muted' }, 'Download: '),
    h('button', { type: 'button', onclick: () => { const d = drawing(); if (d) download(`${file}.svg`, 'image/svg+xml', d.svg()); } }, 'SVG'),
    h('button', { type: 'button', onclick: async () => { const d = drawing(); if (d) download(`${file}.png`, 'image/png', await d.png()); } }, 'PNG'),
    ...(['dot', 'graphml', 'json'] as const).map((ext) =>
      h('a', { class: 'button', href: `/export.${ext}?${q}`, download: `${file}.${ext}` }, ext === 'graphml' ? 'GraphML' : ext.toUpperCase()),
    ),
    h(
      'button',
      {
        type: 'button',
        onclick: async () => {
          const data = await gql<{ exportCsv: { nodes: string; relationships: string } }>(
            'query($f: GraphFilter) { exportCsv(filter: $f) { nodes relationships } }',
            { f: { entity: filter.entity, cluster: filter.cluster, depth: filter.depth, relations: filter.relations?.length ? filter.relations : undefined, minWeight: filter.minWeight, top: filter.top } },
          );
          download(`${file}-nodes.csv`, 'text/csv', data.exportCsv.nodes);
          download(`${file}-relationships.csv`, 'text/csv', data.exportCsv.relationships);
        },
      },
      'CSV',
    ),
  );
}
