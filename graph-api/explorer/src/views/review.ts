// The review, /explore/review: the names the documents give that the dictionaries do not know
// (candidates), ranked, each with the sentences that give it, to accept as a new entity, add as
// a spelling of a known one, or reject — fast, from the keyboard. The filters live in the URL
// (?kind=PERSON&min=2). Every decision can be undone.
import { ApiError, gql, type EntityRef, type GraphChange, type Kind } from '../api';
import { bothNames, entityLink, go, h, KIND_LABELS, kindBadge, present, section } from '../dom';
import type { Rendered, ViewContext } from '../main';
import { findEntities, type Found } from './search';

interface Candidate {
  key: string;
  name: string;
  names: string[];
  kind: Kind;
  documents: number;
  mentions: number;
  signals: string[];
  score: number;
  aliasOf: EntityRef | null;
  evidence: { document: { id: string; title: string | null; date: string | null }; sentence: string; surface: string; utf16InSentence: number }[];
  proposal: {
    id: string;
    kind: Kind | null;
    name: string;
    nameZh: string | null;
    aliases: string[];
    roles: { title: string; org: EntityRef | null }[];
  };
}

type ReviewAction = 'ACCEPT' | 'ALIAS' | 'REJECT';

interface Review {
  id: string;
  action: ReviewAction;
  candidate: string | null;
  entity: string | null;
  alias: string | null;
  at: string;
  undone: boolean;
}

interface ReviewResult {
  review: Review;
  entity: EntityRef | null;
  version: number;
}

const REF = 'id kind name nameZh';
const CANDIDATE = `key name names kind documents mentions signals score aliasOf { ${REF} }
  evidence(first: 3) { document { id title date } sentence surface utf16InSentence }
  proposal { id kind name nameZh aliases roles { title org { ${REF} } } }`;
const REVIEW = 'id action candidate entity alias at undone';
const RESULT = `review { ${REVIEW} } entity { ${REF} } version`;
const PAGE = 20;
const DECISIONS = 20;
const TOKEN_KEY = 'kgraph-token';

export interface ReviewFilter {
  kind: Kind | null;
  minDocuments: number;
}

export function readFilter(query: URLSearchParams): ReviewFilter {
  const kind = query.get('kind');
  return {
    kind: kind && kind in KIND_LABELS ? (kind as Kind) : null,
    minDocuments: Math.max(1, Math.floor(Number(query.get('min'))) || 1),
  };
}

function writeFilter(f: ReviewFilter): string {
  const q = new URLSearchParams();
  if (f.kind) q.set('kind', f.kind);
  if (f.minDocuments > 1) q.set('min', String(f.minDocuments));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** The review on screen: what its keys and its decisions act on. */
interface Page {
  filter: ReviewFilter;
  needsToken: boolean;
  list: HTMLOListElement;
  count: HTMLElement;
  more: HTMLButtonElement;
  decisions: HTMLElement;
  candidates: Candidate[];
  reviews: Review[];
  /** How many candidates are asked for: a page, and one more for each “More”. */
  limit: number;
  /** Where the ranking goes on after the candidates shown, and whether it does. */
  end: string | null;
  hasMore: boolean;
  /** The candidate the keys act on, by key. */
  focused: string | null;
  form: { key: string; element: HTMLFormElement } | null;
}

let page: Page | null = null;
/** The line that says what the last decision did, with its Undo: it outlives a new render. */
const status = h('div', { class: 'review-status', id: 'review-status', role: 'status', 'aria-live': 'polite' });
/** The graph versions this page's own decisions made: their `graphChanged` needs no banner. */
const own = new Set<number>();
/** The decision under way: one at a time, and a graph change waits for it. */
let busy: Promise<void> | null = null;

function token(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

/** A page of the ranking, as the API's Relay connection gives it. */
interface CandidatePage {
  nodes: Candidate[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}
const PAGE_FIELDS = `nodes { ${CANDIDATE} } pageInfo { hasNextPage endCursor }`;

async function fetchCandidates(f: ReviewFilter, first: number, after: string | null): Promise<CandidatePage> {
  const data = await gql<{ candidates: CandidatePage }>(
    `query($kind: EntityKind, $min: Int!, $first: Int!, $after: String) { candidates(kind: $kind, minDocuments: $min, first: $first, after: $after) { ${PAGE_FIELDS} } }`,
    { kind: f.kind, min: f.minDocuments, first, after },
  );
  return data.candidates;
}

export async function reviewView({ query, main }: ViewContext): Promise<Rendered> {
  const filter = readFilter(query);
  const data = await gql<{ mutationsNeedToken: boolean; candidates: CandidatePage; reviews: Review[] }>(
    `query($kind: EntityKind, $min: Int!, $first: Int!, $decisions: Int!) {
      mutationsNeedToken
      candidates(kind: $kind, minDocuments: $min, first: $first) { ${PAGE_FIELDS} }
      reviews(first: $decisions) { ${REVIEW} }
    }`,
    { kind: filter.kind, min: filter.minDocuments, first: PAGE, decisions: DECISIONS },
  );
  listen();
  const p: Page = {
    filter,
    needsToken: data.mutationsNeedToken,
    list: h('ol', { class: 'candidates', 'aria-label': 'Candidates, best first' }),
    count: h('p', { class: 'muted', id: 'review-count' }),
    more: h('button', { type: 'button', class: 'more', onclick: () => void more() }, `More candidates`),
    decisions: h('ol', { class: 'decisions', 'aria-label': 'Decisions, newest first' }),
    candidates: data.candidates.nodes,
    reviews: data.reviews,
    limit: PAGE,
    end: data.candidates.pageInfo.endCursor,
    hasMore: data.candidates.pageInfo.hasNextPage,
    focused: null,
    form: null,
  };
  page = p;
  showCandidates(p);
  showDecisions(p);

  main.append(...present(
    h(
      'header',
      { class: 'card' },
      h('h1', {}, 'Review candidates'),
      h(
        'p',
        { class: 'lead' },
        'Names the documents give that the dictionaries do not know, the most documents first. Accept one as a new entity, add it as a spelling of a known one, or reject it; every decision rebuilds the graph and can be undone.',
      ),
    ),
    p.needsToken ? tokenField() : null,
    h('div', { class: 'review-layout' },
      section(
        'Candidates',
        filters(filter),
        shortcuts(),
        status,
        p.count,
        p.list,
        p.more,
      ),
      section('Decisions', p.decisions),
    ),
  ));
  return { title: 'Review candidates', items: itemsOf(p), refresh };
}

function itemsOf(p: Page): Map<string, string> {
  return new Map(p.candidates.map((c) => [`c:${c.key}`, `candidate ${c.name}`]));
}

/** A graph change: the list and the decisions again, unless this page's decision made it. */
async function refresh(change: GraphChange): Promise<{ items: Map<string, string>; quiet?: boolean }> {
  const p = page;
  if (!p) return { items: new Map() };
  await busy;
  // Its own decision: the list is already as it made it, and the status line says what it did.
  if (own.has(change.version)) return { items: itemsOf(p), quiet: true };
  await reload(p);
  return { items: itemsOf(p) };
}

/** The candidates and decisions as the server now has them, as many as were shown. */
async function reload(p: Page): Promise<void> {
  const data = await gql<{ candidates: CandidatePage; reviews: Review[] }>(
    `query($kind: EntityKind, $min: Int!, $first: Int!, $decisions: Int!) {
      candidates(kind: $kind, minDocuments: $min, first: $first) { ${PAGE_FIELDS} }
      reviews(first: $decisions) { ${REVIEW} }
    }`,
    { kind: p.filter.kind, min: p.filter.minDocuments, first: p.limit, decisions: DECISIONS },
  );
  const inList = p.list.contains(document.activeElement);
  p.candidates = data.candidates.nodes;
  p.end = data.candidates.pageInfo.endCursor;
  p.hasMore = data.candidates.pageInfo.hasNextPage;
  p.reviews = data.reviews;
  showCandidates(p);
  showDecisions(p);
  // The focus stays where it was (in an open form, say), or goes to the candidate it was on.
  if (inList && !p.list.contains(document.activeElement)) focusCandidate(p.focused);
}

async function more(): Promise<void> {
  const p = page;
  if (!p) return;
  p.more.disabled = true;
  try {
    const next = await fetchCandidates(p.filter, PAGE, p.end);
    p.limit += PAGE;
    p.end = next.pageInfo.endCursor ?? p.end;
    p.hasMore = next.pageInfo.hasNextPage;
    const known = new Set(p.candidates.map((c) => c.key));
    const added = next.nodes.filter((c) => !known.has(c.key));
    p.candidates = [...p.candidates, ...added];
    showCandidates(p);
    if (added[0]) focusCandidate(added[0].key);
  } catch (e) {
    say([`Could not load more candidates: ${refusal(e)}`], null, true);
  } finally {
    p.more.disabled = false;
  }
}

function showCandidates(p: Page): void {
  // An open form keeps its element, what was typed in it and the focus, through a new list: its
  // candidate stays in the page while the others are replaced around it.
  const kept = p.form && p.candidates.some((c) => c.key === p.form?.key) ? p.list.querySelector<HTMLElement>(`li[data-key="${CSS.escape(p.form.key)}"]`) : null;
  if (!kept) p.form = null;
  const items = p.candidates.map((c) => (kept?.dataset.key === c.key ? kept : candidateItem(c)));
  for (const old of [...p.list.children]) if (old !== kept) old.remove();
  if (kept) {
    const at = items.indexOf(kept);
    kept.before(...items.slice(0, at));
    kept.after(...items.slice(at + 1));
  } else {
    p.list.append(...items);
  }
  const f = p.filter;
  const where = `${f.kind ? ` ${KIND_LABELS[f.kind]}` : ''} candidate`;
  p.count.textContent = p.candidates.length
    ? `${p.candidates.length}${where}${p.candidates.length === 1 ? '' : 's'} shown${f.minDocuments > 1 ? `, each named in at least ${f.minDocuments} documents` : ''}.`
    : `No${where} is waiting for review${f.minDocuments > 1 ? ` in at least ${f.minDocuments} documents` : ''}.`;
  p.more.hidden = !p.hasMore;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

let serial = 0;

function candidateItem(c: Candidate): HTMLElement {
  const nameId = `candidate-name-${++serial}`;
  const others = c.names.filter((n) => n !== c.name);
  return h(
    'li',
    { class: 'candidate', tabindex: '-1', 'data-key': c.key, 'aria-labelledby': nameId, onfocusin: () => { if (page) page.focused = c.key; } },
    h('h3', {}, h('span', { id: nameId, class: 'candidate-name' }, c.name), ' ', kindBadge(c.kind)),
    h(
      'p',
      { class: 'candidate-facts' },
      `${plural(c.documents, 'document')}, ${plural(c.mentions, 'mention')} · score ${c.score} · `,
      h('span', { class: 'visually-hidden' }, 'signals: '),
      c.signals.map((s) => h('span', { class: 'signal' }, s)),
    ),
    others.length ? h('p', { class: 'muted' }, `Also written: ${others.join(' · ')}`) : null,
    c.aliasOf ? h('p', { class: 'alias-of' }, 'Perhaps another spelling of ', entityLink(c.aliasOf), '.') : null,
    c.evidence.length
      ? h(
          'ol',
          { class: 'evidence-list' },
          c.evidence.map((ev) =>
            h(
              'li',
              { class: 'evidence' },
              h('blockquote', { class: 'sentence' }, marked(ev.sentence, ev.surface, ev.utf16InSentence)),
              h(
                'p',
                { class: 'source' },
                '— ',
                h('a', { href: `/explore/document/${encodeURIComponent(ev.document.id)}` }, ev.document.title ?? ev.document.id),
                ev.document.date ? `, ${ev.document.date}` : '',
              ),
            ),
          ),
        )
      : null,
    h(
      'div',
      { class: 'actions', role: 'group', 'aria-label': `Decide about ${c.name}` },
      h('button', { type: 'button', 'data-action': 'accept', 'aria-keyshortcuts': 'a', onclick: () => openAccept(c) }, 'Accept…'),
      h('button', { type: 'button', 'data-action': 'alias', 'aria-keyshortcuts': 'l', onclick: () => openAlias(c) }, 'Alias…'),
      h('button', { type: 'button', 'data-action': 'reject', 'aria-keyshortcuts': 'r', onclick: () => void reject(c) }, 'Reject'),
    ),
  );
}

/**
 * The sentence with the candidate's surface marked where the API says it starts in the sentence
 * (an index in UTF-16 code units, as JavaScript strings count), so that the right one of two
 * occurrences is marked.
 */
function marked(sentence: string, surface: string, at: number): DocumentFragment {
  const out = document.createDocumentFragment();
  if (!surface || sentence.slice(at, at + surface.length) !== surface) {
    out.append(sentence);
    return out;
  }
  out.append(sentence.slice(0, at), h('mark', { class: 'surface' }, surface), sentence.slice(at + surface.length));
  return out;
}

function filters(f: ReviewFilter): HTMLElement {
  const apply = (change: Partial<ReviewFilter>) => go(`/explore/review${writeFilter({ ...f, ...change })}`, true);
  return h(
    'form',
    { class: 'filters', 'aria-label': 'Which candidates', onsubmit: (ev: Event) => ev.preventDefault() },
    h(
      'label',
      {},
      'Kind ',
      h(
        'select',
        { name: 'kind', onchange: (ev: Event) => apply({ kind: ((ev.target as HTMLSelectElement).value || null) as Kind | null }) },
        h('option', { value: '', selected: !f.kind }, 'every kind'),
        (Object.entries(KIND_LABELS) as [Kind, string][]).map(([k, label]) => h('option', { value: k, selected: f.kind === k }, label)),
      ),
    ),
    h(
      'label',
      {},
      'in at least ',
      h('input', { type: 'number', name: 'min', min: 1, max: 1000, value: f.minDocuments, onchange: (ev: Event) => apply({ minDocuments: Math.max(1, Math.floor(Number((ev.target as HTMLInputElement).value)) || 1) }) }),
      ' documents',
    ),
  );
}

function shortcuts(): HTMLElement {
  const key = (k: string, label?: string) => h('kbd', { 'aria-label': label ?? null }, k);
  return h(
    'ul',
    { class: 'shortcuts', 'aria-label': 'Keys' },
    h('li', {}, key('j'), '/', key('k'), ' or ', key('↓', 'Down arrow'), '/', key('↑', 'Up arrow'), ' next, previous candidate'),
    h('li', {}, key('a'), ' accept'),
    h('li', {}, key('l'), ' alias'),
    h('li', {}, key('r'), ' reject'),
    h('li', {}, key('u'), ' undo the last decision'),
    h('li', {}, key('Esc'), ' close the form'),
    h('li', { class: 'muted' }, 'Keys do nothing while you type in a field.'),
  );
}

function tokenField(): HTMLElement {
  return h(
    'section',
    { class: 'card token' },
    h('label', { for: 'review-token' }, 'Token'),
    ' ',
    h('input', {
      type: 'password',
      id: 'review-token',
      name: 'token',
      autocomplete: 'off',
      'aria-describedby': 'token-why',
      value: token() ?? '',
      oninput: (ev: Event) => {
        const v = (ev.target as HTMLInputElement).value.trim();
        if (v) sessionStorage.setItem(TOKEN_KEY, v);
        else sessionStorage.removeItem(TOKEN_KEY);
      },
    }),
    h(
      'p',
      { id: 'token-why', class: 'muted' },
      'This server needs its token for review decisions. It goes with each decision as ',
      h('code', {}, 'Authorization: Bearer …'),
      ' and is kept only in this tab.',
    ),
  );
}

/** What a decision did, in words: the Decisions list and the status line say it alike. */
function described(r: Review, entity?: EntityRef | null): (Node | string)[] {
  const target = (): Node | string => (entity ? entityLink(entity) : r.entity ? (r.undone ? h('code', {}, r.entity) : h('a', { href: `/explore/entity/${encodeURIComponent(r.entity)}` }, r.entity)) : 'an entity');
  const name = `“${r.candidate ?? r.alias ?? ''}”`;
  if (r.action === 'ACCEPT') return ['accepted ', name, ' as ', target()];
  if (r.action === 'ALIAS') return ['added ', `“${r.alias ?? r.candidate ?? ''}”`, ' as a spelling of ', target()];
  return ['rejected ', name];
}

function when(at: string): HTMLElement {
  return h('time', { datetime: at }, at.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC'));
}

function showDecisions(p: Page): void {
  if (!p.reviews.length) {
    p.decisions.replaceChildren(h('li', { class: 'muted empty' }, 'No decision yet.'));
    return;
  }
  p.decisions.replaceChildren(
    ...p.reviews.map((r) =>
      h(
        'li',
        { 'data-review': r.id, 'data-action': r.action, 'data-candidate': r.candidate ?? '', class: r.undone ? 'undone' : null },
        h('span', { class: 'decision' }, ...described(r)),
        ' ',
        h('span', { class: 'muted' }, when(r.at), r.undone ? ' · undone' : ''),
        ' ',
        h('button', { type: 'button', class: 'undo', disabled: r.undone, 'aria-label': `Undo: ${described(r).map((x) => (typeof x === 'string' ? x : x.textContent)).join('')}`, onclick: () => void undo(r) }, 'Undo'),
      ),
    ),
  );
}

/** The status line: what was done, and its Undo. */
function say(parts: (Node | string)[], review: Review | null, error = false): void {
  status.classList.toggle('error', error);
  status.replaceChildren(
    h(
      'p',
      {},
      ...parts,
      review ? [' ', h('button', { type: 'button', class: 'undo', onclick: () => void undo(review) }, 'Undo')] : null,
    ),
  );
}

/** A refusal of the server in words, and its own message. */
function refusal(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  if (e instanceof ApiError && e.codes.includes('UNAUTHORIZED')) {
    return `The server refused the decision: it needs its token, and the token sent is missing or not the server's. Enter it in the Token field at the top of the page. (${message})`;
  }
  if (e instanceof ApiError && e.codes.includes('FORBIDDEN')) {
    return `The server refused the decision: it does not take review decisions from here. (${message})`;
  }
  return message;
}

/**
 * Runs a decision, one at a time; then the list and the decisions again, and the focus on the
 * candidate the keys act on next (`done` names it in `page.focused`).
 */
async function decide(run: () => Promise<ReviewResult>, done: (result: ReviewResult) => void, failed: (message: string) => void): Promise<void> {
  const p = page;
  if (!p || busy) return;
  let finish = () => {};
  busy = new Promise<void>((resolve) => (finish = resolve));
  try {
    let result: ReviewResult;
    try {
      result = await run();
    } catch (e) {
      failed(refusal(e));
      return;
    }
    own.add(result.version);
    done(result);
    try {
      await reload(p);
    } catch {
      // The decision stands; the whole view again shows what the server has now.
      go(location.pathname + location.search, true);
      return;
    }
    focusCandidate(p.focused);
  } finally {
    busy = null;
    finish();
  }
}

async function mutate(query: string, variables: Record<string, unknown>, field: string): Promise<ReviewResult> {
  const data = await gql<Record<string, ReviewResult>>(query, variables, page?.needsToken ? token() : null);
  return data[field] as ReviewResult;
}

/** After a decision about `key`, the keys act on the candidate that takes its place. */
function nextAfter(p: Page, key: string): string | null {
  const i = p.candidates.findIndex((c) => c.key === key);
  if (i < 0) return p.focused;
  return (p.candidates[i + 1] ?? p.candidates[i - 1])?.key ?? null;
}

async function reject(c: Candidate): Promise<void> {
  const p = page;
  if (!p) return;
  await decide(
    () => mutate(`mutation($key: String!) { rejectCandidate(key: $key) { ${RESULT} } }`, { key: c.key }, 'rejectCandidate'),
    (result) => {
      p.focused = nextAfter(p, c.key);
      say([`Rejected “${c.name}”: it is no longer proposed.`], result.review);
    },
    (message) => say([`Could not reject “${c.name}”: ${message}`], null, true),
  );
}

async function undo(r: Review): Promise<void> {
  const p = page;
  if (!p) return;
  await decide(
    () => mutate(`mutation($id: ID!) { undoReview(id: $id) { ${RESULT} } }`, { id: r.id }, 'undoReview'),
    (result) => {
      say(['Undone: ', ...described(result.review, result.review.action === 'ACCEPT' ? null : result.entity)], null);
      // The candidate back in the list takes the focus (the Undo button pressed may be gone).
      if (r.candidate) p.focused = r.candidate;
    },
    (message) => say([`Could not undo decision ${r.id}: ${message}`], null, true),
  );
}

function closeForm(p: Page, focus = true): void {
  if (!p.form) return;
  const key = p.form.key;
  p.form.element.remove();
  p.form = null;
  if (focus) focusCandidate(key);
}

/** Puts `form` under the candidate and moves the focus into it. */
function openForm(c: Candidate, form: HTMLFormElement, first: HTMLElement): void {
  const p = page;
  if (!p) return;
  closeForm(p, false);
  const li = p.list.querySelector<HTMLElement>(`li[data-key="${CSS.escape(c.key)}"]`);
  if (!li) return;
  p.focused = c.key;
  p.form = { key: c.key, element: form };
  form.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape' && !ev.defaultPrevented) {
      ev.preventDefault();
      closeForm(p);
    }
  });
  li.append(form);
  first.focus();
}

function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  const id = control.id;
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    control,
    hint ? h('span', { class: 'hint', id: `${id}-hint` }, hint) : null,
  );
}

/** Spellings from a field: one per line, or separated by commas when on one line. */
function spellings(text: string): string[] {
  const parts = text.includes('\n') ? text.split('\n') : text.split(/[,，]/);
  return [...new Set(parts.map((s) => s.trim()).filter(Boolean))];
}

function ids(text: string): string[] {
  return [...new Set(text.split(/[\s,，]+/).map((s) => s.trim()).filter(Boolean))];
}

function openAccept(c: Candidate): void {
  const p = page;
  if (!p) return;
  const pr = c.proposal;
  const input = (name: string, value: string, attrs: Record<string, string | boolean> = {}) =>
    h('input', { type: 'text', id: `accept-${name}`, name, value, autocomplete: 'off', ...attrs });
  const id = input('id', pr.id, { required: true, spellcheck: 'false', 'aria-describedby': 'accept-id-hint' });
  const kind = h(
    'select',
    { id: 'accept-kind', name: 'kind' },
    (Object.entries(KIND_LABELS) as [Kind, string][]).map(([k, label]) => h('option', { value: k, selected: (pr.kind ?? c.kind) === k }, label)),
  );
  const name = input('name', pr.name, { required: true });
  const nameZh = input('nameZh', pr.nameZh ?? '', { lang: 'zh' });
  const aliases = h('textarea', { id: 'accept-aliases', name: 'aliases', rows: 3, 'aria-describedby': 'accept-aliases-hint' }, pr.aliases.join('\n'));
  const clusters = input('clusters', '', { spellcheck: 'false', 'aria-describedby': 'accept-clusters-hint' });
  const parks = input('parks', '', { spellcheck: 'false', 'aria-describedby': 'accept-parks-hint' });
  const error = h('p', { class: 'form-error', role: 'alert' });
  const submit = h('button', { type: 'submit' }, 'Accept');
  const form = h(
    'form',
    {
      class: 'decide',
      'aria-label': `Accept ${c.name} as a new entity`,
      onsubmit: (ev: Event) => {
        ev.preventDefault();
        error.textContent = '';
        submit.disabled = true;
        void decide(
          () =>
            mutate(
              `mutation($input: AcceptInput!) { acceptCandidate(input: $input) { ${RESULT} } }`,
              {
                input: {
                  key: c.key,
                  id: id.value.trim(),
                  kind: kind.value,
                  name: name.value.trim(),
                  nameZh: nameZh.value.trim() || undefined,
                  aliases: spellings(aliases.value),
                  clusters: ids(clusters.value),
                  parks: ids(parks.value),
                },
              },
              'acceptCandidate',
            ),
          (result) => {
            p.form = null;
            p.focused = nextAfter(p, c.key);
            say([`Accepted “${c.name}” as `, result.entity ? entityLink(result.entity) : (result.review.entity ?? ''), '.'], result.review);
          },
          (message) => {
            error.textContent = message;
          },
        ).then(() => {
          submit.disabled = false;
        });
      },
    },
    h('h4', {}, `Accept “${c.name}” as a new entity`),
    h(
      'div',
      { class: 'fields' },
      field('Id', id, 'a slug no entity has: lowercase letters, digits and hyphens'),
      field('Kind', kind),
      field('Name', name),
      field('Chinese name', nameZh),
      field('Other spellings', aliases, 'one per line, or separated by commas'),
      field('Clusters', clusters, 'entity ids, separated by commas (future-health …)'),
      field('Parks', parks, 'entity ids, separated by commas'),
    ),
    pr.roles.length
      ? h('p', { class: 'muted' }, 'Roles it gets, as the documents state them: ', pr.roles.map((r, i) => [i ? '; ' : '', r.title, r.org ? [' — ', entityLink(r.org)] : null]))
      : null,
    error,
    h('div', { class: 'actions' }, submit, h('button', { type: 'button', onclick: () => closeForm(p) }, 'Cancel')),
  );
  openForm(c, form, id);
}

function openAlias(c: Candidate): void {
  const p = page;
  if (!p) return;
  const picker = entityPicker(c.aliasOf);
  const alias = h('input', { type: 'text', id: 'alias-spelling', name: 'alias', value: c.name, autocomplete: 'off', required: true });
  const error = h('p', { class: 'form-error', role: 'alert' });
  const submit = h('button', { type: 'submit' }, 'Add the spelling');
  const form = h(
    'form',
    {
      class: 'decide',
      'aria-label': `Add ${c.name} as a spelling of a known entity`,
      onsubmit: (ev: Event) => {
        ev.preventDefault();
        const entity = picker.value();
        if (!entity) {
          error.textContent = 'Choose the entity this is a spelling of.';
          picker.input.focus();
          return;
        }
        error.textContent = '';
        submit.disabled = true;
        void decide(
          () =>
            mutate(
              `mutation($entity: ID!, $alias: String!, $candidate: String) { addAlias(entity: $entity, alias: $alias, candidate: $candidate) { ${RESULT} } }`,
              { entity, alias: alias.value.trim(), candidate: c.key },
              'addAlias',
            ),
          (result) => {
            p.form = null;
            p.focused = nextAfter(p, c.key);
            say([`Added “${alias.value.trim()}” as a spelling of `, result.entity ? entityLink(result.entity) : entity, '.'], result.review);
          },
          (message) => {
            error.textContent = message;
          },
        ).then(() => {
          submit.disabled = false;
        });
      },
    },
    h('h4', {}, `Add “${c.name}” as a spelling of a known entity`),
    h('div', { class: 'fields' }, picker.element, field('Spelling', alias)),
    error,
    h('div', { class: 'actions' }, submit, h('button', { type: 'button', onclick: () => closeForm(p) }, 'Cancel')),
  );
  openForm(c, form, picker.input);
}

/**
 * A type-ahead for the entity an alias belongs to (an ARIA combobox, as the search box is):
 * names in any script find it; the chosen entity's id is what is sent. An id typed whole
 * works too.
 */
function entityPicker(start: EntityRef | null): { element: HTMLElement; input: HTMLInputElement; value: () => string } {
  const listId = 'alias-entity-list';
  const input = h('input', {
    type: 'text',
    id: 'alias-entity',
    name: 'entity',
    value: start?.id ?? '',
    autocomplete: 'off',
    spellcheck: 'false',
    role: 'combobox',
    'aria-autocomplete': 'list',
    'aria-expanded': 'false',
    'aria-controls': listId,
    'aria-describedby': 'alias-entity-chosen',
  });
  const list = h('ul', { id: listId, role: 'listbox', class: 'typeahead', hidden: true, 'aria-label': 'Matching entities' });
  const chosenLine = h('span', { class: 'hint', id: 'alias-entity-chosen' });
  let chosen: EntityRef | null = start;
  let options: Found[] = [];
  let active = -1;
  let asked = 0;
  let timer = 0;
  const showChosen = () => {
    chosenLine.replaceChildren(...(chosen ? [kindBadge(chosen.kind), ' ', bothNames(chosen)] : ['Type a name in any script, and choose the entity.']));
  };
  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const choose = (e: EntityRef) => {
    chosen = e;
    input.value = e.id;
    close();
    showChosen();
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
              choose(e);
            },
          },
          kindBadge(e.kind),
          ' ',
          h('span', { class: 'name' }, bothNames(e)),
          h('span', { class: 'muted' }, ` ${e.id}`),
        ),
      ),
    );
    list.hidden = options.length === 0;
    input.setAttribute('aria-expanded', String(!list.hidden));
    active = -1;
  };
  input.addEventListener('input', () => {
    clearTimeout(timer);
    chosen = null;
    showChosen();
    const q = input.value.trim();
    if (!q) return close();
    timer = window.setTimeout(async () => {
      const turn = ++asked;
      try {
        const found = await findEntities(q, 8);
        if (turn === asked && input.value.trim() === q) {
          show(found);
          // An id typed whole is the entity it names.
          const exact = found.find((e) => e.id === q);
          if (exact && !chosen) {
            chosen = exact;
            showChosen();
          }
        }
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
    } else if (ev.key === 'Escape' && !list.hidden) {
      // The list closes first; a second Escape closes the form.
      ev.preventDefault();
      close();
    } else if (ev.key === 'Enter' && !list.hidden && options[active]) {
      ev.preventDefault();
      choose(options[active] as Found);
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 100));
  showChosen();
  return {
    element: h('div', { class: 'field picker' }, h('label', { for: 'alias-entity' }, 'Entity'), h('div', { class: 'picker-box' }, input, list), chosenLine),
    input,
    value: () => chosen?.id ?? input.value.trim(),
  };
}

function focusCandidate(key: string | null): void {
  const p = page;
  if (!p) return;
  const items = [...p.list.querySelectorAll<HTMLElement>(':scope > li.candidate')];
  const li = items.find((el) => el.dataset.key === key) ?? items[0];
  if (!li) return;
  p.focused = li.dataset.key ?? null;
  li.focus();
  li.scrollIntoView({ block: 'nearest' });
}

/** The candidate the keys act on: the one the focus is in. */
function current(p: Page): Candidate | null {
  const li = (document.activeElement as HTMLElement | null)?.closest?.('li.candidate') as HTMLElement | null;
  if (!li || !p.list.contains(li)) return null;
  return p.candidates.find((c) => c.key === li.dataset.key) ?? null;
}

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

let listening = false;

/** The keys of a fast pass; installed once, acting only while the review is on screen. */
function listen(): void {
  if (listening) return;
  listening = true;
  document.addEventListener('keydown', (ev) => {
    const p = page;
    if (!p || !p.list.isConnected || ev.defaultPrevented || ev.ctrlKey || ev.metaKey || ev.altKey || typing(ev.target)) return;
    const c = current(p);
    const step = (by: number) => {
      const items = [...p.list.querySelectorAll<HTMLElement>(':scope > li.candidate')];
      if (!items.length) return;
      const at = c ? items.findIndex((el) => el.dataset.key === c.key) : -1;
      const to = at < 0 ? (by > 0 ? 0 : items.length - 1) : Math.max(0, Math.min(items.length - 1, at + by));
      focusCandidate(items[to]?.dataset.key ?? null);
    };
    const act: Record<string, () => void> = {
      j: () => step(1),
      ArrowDown: () => step(1),
      k: () => step(-1),
      ArrowUp: () => step(-1),
      a: () => (c ? openAccept(c) : step(1)),
      l: () => (c ? openAlias(c) : step(1)),
      r: () => (c ? void reject(c) : step(1)),
      u: () => {
        const last = p.reviews.find((r) => !r.undone);
        if (last) void undo(last);
      },
      Escape: () => closeForm(p),
    };
    const run = act[ev.key];
    if (!run) return;
    ev.preventDefault();
    run();
  });
}
