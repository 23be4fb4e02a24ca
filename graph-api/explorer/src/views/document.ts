// The document view, /explore/document/<id>: the cleaned text with every mention highlighted in
// its kind's colour, the boilerplate the cleaner dropped folded away, and the relations found in it.
import { gql, type EntityRef, type Origin, type RelationKind, type SpanMention } from '../api';
import { entityLink, h, highlighted, legend, section } from '../dom';
import type { Rendered, ViewContext } from '../main';
import { ORIGIN_WORDS, RELATION_WORDS } from '../parts';

type LineClass = 'ARTICLE' | 'BLANK' | 'CHROME' | 'FOOTER';

interface Doc {
  id: string;
  title: string | null;
  date: string | null;
  language: string;
  source: string;
  sentenceCount: number;
  mentionCount: number;
  entities: (EntityRef & { mentionCount: number })[];
  lines: { text: string; class: LineClass; mentions: SpanMention[] }[];
  relations: { kind: RelationKind; origin: Origin; label: string; weight: number; source: EntityRef; target: EntityRef }[];
}

const REF = 'id kind name nameZh';

export async function documentView({ params, main }: ViewContext): Promise<Rendered> {
  const id = params[0] ?? '';
  const data = await gql<{ document: Doc | null }>(
    `query($id: ID!) { document(id: $id) {
      id title date language source sentenceCount mentionCount
      entities { ${REF} mentionCount }
      lines { text class mentions { entity { ${REF} } utf16Start utf16End } }
      relations { kind origin label weight source { ${REF} } target { ${REF} } }
    } }`,
    { id },
  );
  const d = data.document;
  if (!d) {
    main.append(h('section', { class: 'card' }, h('h1', {}, 'No such document'), h('p', {}, `The graph has no document “${id}”.`)));
    return { title: 'No such document' };
  }
  const isUrl = /^https?:\/\//.test(d.source);
  main.append(
    h(
      'header',
      { class: 'card' },
      h('p', {}, h('span', { class: 'badge' }, 'document')),
      h('h1', { lang: d.language === 'zh' ? 'zh' : null }, d.title ?? d.id),
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, 'Date'),
        h('dd', {}, d.date ?? 'not stated'),
        h('dt', {}, 'Source'),
        // A link would leave this machine: the address is shown, not followed.
        h('dd', {}, isUrl ? h('code', {}, d.source) : d.source),
        h('dt', {}, 'Language'),
        h('dd', {}, d.language),
        h('dt', {}, 'Found'),
        h('dd', {}, `${d.mentionCount} mentions of ${d.entities.length} entities in ${d.sentenceCount} sentences; ${d.relations.length} relations`),
      ),
    ),
    h('div', { class: 'doc-layout' }, section('Text', legend(), text(d.lines)), relations(d)),
  );
  const items = new Map<string, string>();
  for (const r of d.relations) items.set(`${r.kind}:${r.origin}:${r.label}:${r.source.id}:${r.target.id}`, `${RELATION_WORDS[r.kind]} ${r.source.name} – ${r.target.name}`);
  return { title: d.title ?? d.id, items };
}

/** Article lines as paragraphs; each run of dropped lines as one closed <details>. */
function text(lines: Doc['lines']): HTMLElement {
  const out = h('div', { class: 'doc-text' });
  let dropped: Doc['lines'] = [];
  const flush = () => {
    if (!dropped.length) return;
    const kinds = [...new Set(dropped.map((l) => (l.class === 'FOOTER' ? 'footer' : 'page chrome')))].join(' and ');
    out.append(
      h(
        'details',
        { class: 'dropped' },
        h('summary', {}, `Dropped boilerplate: ${dropped.length} line${dropped.length === 1 ? '' : 's'} of ${kinds}`),
        dropped.map((l) => h('p', { class: `line-${l.class}` }, l.text)),
      ),
    );
    dropped = [];
  };
  for (const line of lines) {
    if (line.class === 'BLANK') continue;
    if (line.class === 'ARTICLE') {
      flush();
      out.append(h('p', {}, highlighted(line.text, line.mentions)));
    } else {
      dropped.push(line);
    }
  }
  flush();
  return out;
}

function relations(d: Doc): HTMLElement {
  const order: RelationKind[] = ['ROLE', 'IN_CLUSTER', 'LOCATED_IN', 'PART_OF', 'ISSUED_BY', 'CO_MENTION'];
  const sorted = [...d.relations].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || b.weight - a.weight);
  return section(
    `Relations found in it (${d.relations.length})`,
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'relations' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Kind'), h('th', { scope: 'col' }, 'From'), h('th', { scope: 'col' }, 'To'), h('th', { scope: 'col' }, 'Weight'), h('th', { scope: 'col' }, 'Origin'))),
        h(
          'tbody',
          {},
          sorted.map((r) =>
            h(
              'tr',
              { 'data-kind': r.kind },
              h('td', {}, RELATION_WORDS[r.kind], r.kind === 'ROLE' ? h('span', { class: 'muted' }, ` ${r.label}`) : null),
              h('td', {}, entityLink(r.source, true)),
              h('td', {}, entityLink(r.target, true)),
              h('td', { class: 'num' }, r.weight),
              h('td', {}, ORIGIN_WORDS[r.origin]),
            ),
          ),
        ),
      ),
    ),
  );
}
