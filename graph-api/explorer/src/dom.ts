// Building the page: elements from data, never HTML from strings, so no text from the graph can
// become markup.
import type { EntityRef, Kind, SpanMention } from './api';

type Child = Node | string | number | null | undefined | false | Child[];
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

/** `h('a', { href: '/x' }, 'text')`: an element with attributes, listeners (`onclick`…) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(name.replace(/^on/, ''), value);
    else if (value === true) el.setAttribute(name, '');
    else el.setAttribute(name, String(value));
  }
  append(el, children);
  return el;
}

function append(el: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

/** The colour of each kind: the drawing, the highlights and the badges share it. */
export const KIND_COLOURS: Record<Kind, string> = {
  COMPANY: '#2563eb',
  PERSON: '#c2410c',
  ORGANIZATION: '#7c3aed',
  PARK: '#15803d',
  POLICY: '#b45309',
  CLUSTER: '#db2777',
  PLACE: '#0e7490',
  EVENT: '#4d7c0f',
};

export const KIND_LABELS: Record<Kind, string> = {
  COMPANY: 'company',
  PERSON: 'person',
  ORGANIZATION: 'organization',
  PARK: 'park',
  POLICY: 'policy',
  CLUSTER: 'cluster',
  PLACE: 'place',
  EVENT: 'event',
};

export function kindBadge(kind: Kind): HTMLElement {
  return h('span', { class: `badge kind-${kind}` }, KIND_LABELS[kind]);
}

/** Where an entity is shown: clusters have a view of their own. */
export function entityHref(e: Pick<EntityRef, 'id' | 'kind'>): string {
  const id = encodeURIComponent(e.id);
  return e.kind === 'CLUSTER' ? `/explore/cluster/${id}` : `/explore/entity/${id}`;
}

export function bothNames(e: Pick<EntityRef, 'name' | 'nameZh'>): string {
  return e.nameZh && e.nameZh !== e.name ? `${e.name} · ${e.nameZh}` : e.name;
}

/** A link to an entity, with both names, or (`short`, for tables) the start of the English one and both in its title. */
export function entityLink(e: EntityRef, short = false): HTMLAnchorElement {
  return h(
    'a',
    // Cut, the name is whole for the pointer (title) and for screen readers (aria-label).
    { href: entityHref(e), class: 'entity-link', 'data-kind': e.kind, title: short ? bothNames(e) : null, 'aria-label': short ? bothNames(e) : null },
    short ? shortName(e.name) : bothNames(e),
  );
}

/** A name cut to its start for narrow places (table cells, labels), whole in the title. */
export function shortName(name: string, max = 30): string {
  return name.length > max ? `${name.slice(0, max - 2).trimEnd()}…` : name;
}

/**
 * A text with its mentions highlighted: each mention becomes a link to its entity, coloured by
 * kind. Offsets are UTF-16 code units (JavaScript string indices), as the API gives them.
 */
export function highlighted(text: string, mentions: SpanMention[]): DocumentFragment {
  const out = document.createDocumentFragment();
  let at = 0;
  for (const m of [...mentions].sort((a, b) => a.utf16Start - b.utf16Start)) {
    if (m.utf16Start < at) continue;
    if (m.utf16Start > at) out.append(text.slice(at, m.utf16Start));
    out.append(
      h(
        'a',
        {
          href: entityHref(m.entity),
          class: `mention kind-${m.entity.kind}`,
          'data-entity': m.entity.id,
          title: `${bothNames(m.entity)} (${KIND_LABELS[m.entity.kind]})`,
        },
        text.slice(m.utf16Start, m.utf16End),
      ),
    );
    at = m.utf16End;
  }
  if (at < text.length) out.append(text.slice(at));
  return out;
}

/** Offers `text` as a file download named `name`. */
export function download(name: string, type: string, data: BlobPart): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function section(title: string, ...children: Child[]): HTMLElement {
  const id = `s-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return h('section', { class: 'card', 'aria-labelledby': id }, h('h2', { id }, title), ...children);
}

export function legend(): HTMLElement {
  return h(
    'ul',
    { class: 'legend', 'aria-label': 'Colours of entity kinds' },
    Object.entries(KIND_LABELS).map(([kind, label]) =>
      h('li', {}, h('span', { class: `swatch kind-${kind}`, 'aria-hidden': 'true' }), label),
    ),
  );
}

/** Opens an explorer URL as a link would (the router in main.ts listens). */
export function go(href: string, replace = false): void {
  window.dispatchEvent(new CustomEvent('kgraph:navigate', { detail: { href, replace } }));
}

/** The children that are there: sections that have nothing to show are left out as `null`. */
export function present(...children: (Node | null)[]): Node[] {
  return children.filter((c): c is Node => c !== null);
}
