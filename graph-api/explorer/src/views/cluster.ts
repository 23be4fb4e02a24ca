// The cluster view, /explore/cluster/<id>: its members with how we know (curated, inferred,
// through a sub-cluster) and the sentence that proves it, its sub-clusters, and a picture.
import { gql, type EntityRef, type Evidence, type Origin } from '../api';
import { bothNames, present, entityHref, entityLink, go, h, kindBadge, legend, section } from '../dom';
import { draw, type DrawEdge, type DrawNode, type Drawing } from '../graph';
import type { Rendered, ViewContext } from '../main';
import { downloads, evidenceItem, ORIGIN_WORDS } from '../parts';

interface Member {
  entity: EntityRef & { mentionCount: number };
  origin: Origin;
  via: EntityRef[];
  evidence: Evidence[];
}

interface Cluster extends EntityRef {
  description: string | null;
  mentionCount: number;
  parent: EntityRef | null;
  members: Member[];
}

const REF = 'id kind name nameZh';
const PAGE = 1000;

export async function clusterView({ params, main }: ViewContext): Promise<Rendered> {
  const id = params[0] ?? '';
  const data = await gql<{ entity: Cluster | null; clusters: (EntityRef & { mentionCount: number; parent: { id: string } | null })[] }>(
    `query($id: ID!, $first: Int!) {
      entity(id: $id) { ${REF} description mentionCount parent { ${REF} }
        members(first: $first) { entity { ${REF} mentionCount } origin via { ${REF} }
          evidence(first: 1) { sentence sentenceIndex document { id title date } mentions { entity { ${REF} } utf16Start utf16End } } } }
      clusters { ${REF} mentionCount parent { id } }
    }`,
    { id, first: PAGE },
  );
  const c = data.entity;
  if (!c) {
    main.append(h('section', { class: 'card' }, h('h1', {}, 'No such cluster'), h('p', {}, `The graph has no entity “${id}”.`)));
    return { title: 'No such cluster' };
  }
  const subs = data.clusters.filter((s) => s.parent?.id === c.id);
  const members = c.members;
  const items = new Map<string, string>();
  for (const m of members) items.set(`m:${m.entity.id}:${m.origin}`, `${bothNames(m.entity)} (${ORIGIN_WORDS[m.origin]})`);

  const canvas = h('div', { class: 'drawing', role: 'img', 'aria-label': `Picture of ${c.name}: ${subs.length} sub-clusters and ${members.length} members; the same members are listed below` });
  let drawing: Drawing | null = null;
  main.append(...present(
    h(
      'header',
      { class: 'card' },
      h('p', {}, kindBadge(c.kind)),
      h('h1', {}, c.name, c.nameZh ? h('span', { class: 'zh', lang: 'zh' }, ` ${c.nameZh}`) : null),
      c.description ? h('p', { class: 'lead' }, c.description) : null,
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, 'Members'),
        h('dd', {}, `${members.length} (${members.filter((m) => m.origin === 'CURATED').length} curated, ${members.filter((m) => m.origin === 'INFERRED').length} inferred)`),
        c.parent ? [h('dt', {}, 'Part of'), h('dd', {}, entityLink(c.parent))] : null,
        h('dt', {}, 'Relations'),
        h('dd', {}, h('a', { href: `/explore/entity/${encodeURIComponent(c.id)}` }, 'its ego network and mentions')),
      ),
    ),
    subs.length
      ? section('Sub-clusters', h('ul', { class: 'chips' }, subs.map((s) => h('li', {}, entityLink(s), h('span', { class: 'muted' }, ` ${s.mentionCount} mentions`)))))
      : null,
    section('Picture', canvas, legend(), downloads(c.id, { cluster: c.id }, () => drawing)),
    section(
      `Members (${members.length})`,
      members.length
        ? h(
            'ol',
            { class: 'members' },
            members.map((m) =>
              h(
                'li',
                { 'data-entity': m.entity.id, 'data-origin': m.origin },
                h(
                  'p',
                  {},
                  entityLink(m.entity),
                  h('span', { class: `origin origin-${m.origin}` }, ORIGIN_WORDS[m.origin]),
                  m.via.length ? h('span', { class: 'via' }, ` via ${m.via.map((v) => bothNames(v)).join(', ')}`) : null,
                ),
                m.evidence.length ? h('ul', { class: 'evidence-list' }, m.evidence.map(evidenceItem)) : h('p', { class: 'muted' }, 'Stated in the dictionaries; no sentence names both.'),
              ),
            ),
          )
        : h('p', {}, 'No member is known.'),
    ),
  ));

  // The picture: the cluster, its sub-clusters, and each member joined to the cluster it is in
  // most directly (the last step of its `via`), coloured by kind; inferred memberships dashed.
  const nodes = new Map<string, DrawNode>([[c.id, { id: c.id, label: c.name, kind: c.kind, size: c.mentionCount + 1, centre: true }]]);
  const edges: DrawEdge[] = [];
  for (const s of subs) {
    nodes.set(s.id, { id: s.id, label: s.name, kind: s.kind, size: s.mentionCount + 1 });
    edges.push({ id: `p-${s.id}`, source: s.id, target: c.id, kind: 'PART_OF', weight: 1, origin: 'CURATED', label: 'part of' });
  }
  // A member joins the sub-clusters it is in through (`via`), or the cluster itself; a
  // sub-cluster met through `via` but not directly under this cluster joins the cluster.
  for (const m of members) {
    nodes.set(m.entity.id, { id: m.entity.id, label: m.entity.name, kind: m.entity.kind, size: m.entity.mentionCount + 1 });
    for (const v of m.via) {
      if (!nodes.has(v.id)) {
        nodes.set(v.id, { id: v.id, label: v.name, kind: v.kind, size: 2 });
        edges.push({ id: `p-${v.id}`, source: v.id, target: c.id, kind: 'PART_OF', weight: 1, origin: 'CURATED', label: 'part of' });
      }
    }
    for (const into of m.via.length ? m.via : [c]) {
      edges.push({ id: `m-${m.entity.id}-${into.id}`, source: m.entity.id, target: into.id, kind: 'IN_CLUSTER', weight: Math.max(1, m.evidence.length), origin: m.origin, label: ORIGIN_WORDS[m.origin] });
    }
  }
  const mounted = () => {
    drawing = draw(canvas, [...nodes.values()], edges, {
      node: (nid) => {
        const n = nodes.get(nid);
        if (n && nid !== c.id) go(entityHref({ id: n.id, kind: n.kind }));
      },
    });
    drawing.cy.edges('[origin = "INFERRED"]').style('line-style', 'dashed');
    void drawing.ready.then(() => {
      canvas.dataset.ready = 'true';
    });
  };
  return { title: bothNames(c), items, mounted };
}
