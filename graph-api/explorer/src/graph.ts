// Drawing a part of the graph with Cytoscape.js and the fCoSE force layout, and turning the
// drawing into SVG and PNG files in the browser.
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import type { Kind, Origin, RelationKind } from './api';
import { KIND_COLOURS } from './dom';

cytoscape.use(fcose);

export interface DrawNode {
  id: string;
  label: string;
  kind: Kind;
  /** Mentions: the node's size grows with it. */
  size: number;
  /** The entity the picture is about, drawn larger and outlined. */
  centre?: boolean;
}

export interface DrawEdge {
  id: string;
  source: string;
  target: string;
  kind: RelationKind;
  weight: number;
  origin: Origin;
  label: string;
}

export interface Drawing {
  cy: cytoscape.Core;
  /** Resolves with the milliseconds from the start of the layout to a drawn, clickable picture. */
  ready: Promise<number>;
  /** Lays the drawing out again as at the start (same seed), synchronously; the milliseconds. */
  relayout(): number;
  svg(): string;
  png(): Promise<Blob>;
  destroy(): void;
}

const EDGE_COLOURS: Record<RelationKind, string> = {
  CO_MENTION: '#9ca3af',
  ROLE: '#c2410c',
  IN_CLUSTER: '#db2777',
  LOCATED_IN: '#15803d',
  PART_OF: '#7c3aed',
  ISSUED_BY: '#b45309',
};

/** Draws `nodes` and `edges` into `container`; taps on nodes and edges go to the handlers. */
export function draw(
  container: HTMLElement,
  nodes: DrawNode[],
  edges: DrawEdge[],
  on: { node?: (id: string) => void; edge?: (edge: DrawEdge) => void },
): Drawing {
  // One drawing at a time: the previous view's is gone from the page, so free its canvas.
  current?.destroy();
  const started = performance.now();
  const maxSize = Math.max(1, ...nodes.map((n) => n.size));
  const cy = cytoscape({
    container,
    elements: [
      ...nodes.map((n) => ({
        // Long names ("Management Committee of Beijing Economic and Technological Development
        // Zone") would make the layout spread and shrink everything: the drawing shows their
        // start, the list beside it the whole name.
        data: { ...n, label: n.label.length > 26 ? `${n.label.slice(0, 24).trimEnd()}…` : n.label, colour: KIND_COLOURS[n.kind], diameter: 14 + 26 * Math.sqrt(n.size / maxSize) },
        classes: n.centre ? 'centre' : '',
      })),
      ...edges.map((e) => ({
        data: { ...e, colour: EDGE_COLOURS[e.kind], width: Math.min(1 + Math.log2(e.weight) * 1.5, 8) },
      })),
    ],
    style: [
      {
        selector: 'node',
        style: {
          'background-color': 'data(colour)',
          width: 'data(diameter)',
          height: 'data(diameter)',
          label: 'data(label)',
          'font-size': 11,
          'font-family': 'system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif',
          color: '#111827',
          'text-valign': 'bottom',
          'text-margin-y': 3,
          'text-outline-color': '#ffffff',
          'text-outline-width': 2,
          'min-zoomed-font-size': 5,
        },
      },
      {
        selector: 'node.centre',
        style: { 'border-width': 4, 'border-color': '#111827', 'font-size': 14, 'font-weight': 'bold' },
      },
      {
        selector: 'edge',
        style: {
          'line-color': 'data(colour)',
          width: 'data(width)',
          'curve-style': 'bezier',
          opacity: 0.8,
          // Thin edges are hard to hit: a wider invisible band takes the taps.
          'overlay-padding': 6,
        },
      },
      // Co-mentions have no direction: straight "haystack" lines, the cheapest edges to draw.
      { selector: 'edge[kind = "CO_MENTION"]', style: { 'curve-style': 'haystack', 'haystack-radius': 0 } },
      { selector: 'edge[kind != "CO_MENTION"]', style: { 'target-arrow-shape': 'triangle', 'target-arrow-color': 'data(colour)', 'arrow-scale': 0.8 } },
      { selector: ':selected', style: { 'overlay-color': '#facc15', 'overlay-opacity': 0.45 } },
    ],
    layout: { name: 'preset' },
    minZoom: 0.2,
    maxZoom: 4,
    wheelSensitivity: 0.3,
    boxSelectionEnabled: false,
  });
  // The phases of a drawing, for the benchmark: building the elements and styles, the layout,
  // and the first frame.
  performance.mark('kgraph:created');
  performance.measure('kgraph:create', { start: started, end: 'kgraph:created' });
  cy.on('tap', 'node', (event) => on.node?.(event.target.id()));
  cy.on('tap', 'edge', (event) => on.edge?.(event.target.data() as DrawEdge));
  // fCoSE starts from random positions. A seeded generator in place of Math.random while it
  // runs (it runs synchronously without animation) makes the same graph always come out the
  // same: a picture people come back to, screenshots and tests stay put.
  //
  // It lays out in two steps: a spectral layout places every node at once, then CoSE's force
  // simulation refines the picture, with the leaves set aside until the end. With a hundred
  // nodes or more to refine (nodes with two neighbours or more: an ego network of 200 has about
  // 170, a cluster of 300 members about 20), the refining is most of the time, some 690 steps.
  // There CoSE starts cool, as if refining a picture it was given (the spectral one is good at
  // that size), and settles in 110 to 220 steps; longer ideal edges and a stronger repulsion
  // keep nodes and labels as far apart as the full run did (on twelve 200-node ego networks of
  // the generated workload, a few fewer of them overlap than before). Other drawings take
  // little time either way, need the full run to look good, and come out as they did.
  const neighbours = new Map<string, Set<string>>();
  for (const e of edges) {
    if (e.source === e.target) continue;
    neighbours.set(e.source, (neighbours.get(e.source) ?? new Set()).add(e.target));
    neighbours.set(e.target, (neighbours.get(e.target) ?? new Set()).add(e.source));
  }
  const big = [...neighbours.values()].filter((n) => n.size >= 2).length >= 100;
  const runLayout = (): void => {
    const layout = cy.layout({
      name: 'fcose',
      quality: nodes.length > 400 ? 'draft' : 'default',
      animate: false,
      randomize: true,
      // Room for the labels: laid out as part of each node, they overlap less.
      nodeDimensionsIncludeLabels: true,
      nodeRepulsion: () => (big ? 12000 : 9000),
      idealEdgeLength: () => (big ? 160 : 90),
      initialEnergyOnIncremental: big ? 0.05 : 0.3,
      fit: false,
    } as cytoscape.LayoutOptions);
    const random = Math.random;
    Math.random = seeded(nodes.length * 7919 + edges.length);
    try {
      layout.run();
    } finally {
      Math.random = random;
    }
    // The edges' geometry for the new places, once: fitting the view measures it, and the first
    // frame would measure it again (Cytoscape's renderer queues every moved node's edges).
    // Working through that queue now lets both use one measurement. (The renderer's queue is
    // not in Cytoscape's documented API, hence the care: without it, the edges are measured
    // twice, as before.)
    (cy as unknown as { renderer?: () => { flushRenderedStyleQueue?: () => void } }).renderer?.().flushRenderedStyleQueue?.();
    cy.fit(undefined, 20);
    // A handful of nodes fitted to the box would be drawn huge: keep them at a readable size.
    if (cy.zoom() > 1.5) {
      cy.zoom(1.5);
      cy.center();
    }
  };
  const ready = new Promise<number>((resolve) => {
    runLayout();
    performance.measure('kgraph:layout', 'kgraph:created');
    // One frame after the layout, the picture is on screen and takes taps.
    requestAnimationFrame(() => {
      performance.measure('kgraph:frame', 'kgraph:created');
      resolve(performance.now() - started);
    });
  });
  current = {
    cy,
    ready,
    relayout: () => {
      const t = performance.now();
      runLayout();
      return performance.now() - t;
    },
    svg: () => toSvg(cy),
    png: () => cy.png({ output: 'blob-promise', full: true, scale: 2, bg: '#ffffff' }),
    destroy: () => cy.destroy(),
  };
  return current;
}

let current: Drawing | null = null;

/** A small deterministic generator (mulberry32): uniform numbers in [0, 1) from a seed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The drawing as a standalone SVG file, in the layout's coordinates. */
function toSvg(cy: cytoscape.Core): string {
  const box = cy.elements().boundingBox({});
  const pad = 20;
  const [x0, y0] = [box.x1 - pad, box.y1 - pad];
  const [w, h] = [box.w + 2 * pad, box.h + 2 * pad];
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${x0.toFixed(1)} ${y0.toFixed(1)} ${w.toFixed(1)} ${h.toFixed(1)}" width="${Math.round(w)}" height="${Math.round(h)}" font-family="system-ui, 'Noto Sans CJK SC', sans-serif" font-size="11">`,
    `<rect x="${x0.toFixed(1)}" y="${y0.toFixed(1)}" width="${w.toFixed(1)}" height="${h.toFixed(1)}" fill="#ffffff"/>`,
  ];
  cy.edges().forEach((e) => {
    const [s, t] = [e.source().position(), e.target().position()];
    out.push(
      `<line x1="${s.x.toFixed(1)}" y1="${s.y.toFixed(1)}" x2="${t.x.toFixed(1)}" y2="${t.y.toFixed(1)}" stroke="${e.data('colour')}" stroke-width="${Number(e.data('width')).toFixed(1)}" stroke-opacity="0.8"><title>${escapeXml(`${e.data('kind')} ${e.data('source')} – ${e.data('target')} (weight ${e.data('weight')})`)}</title></line>`,
    );
  });
  cy.nodes().forEach((n) => {
    const p = n.position();
    const r = Number(n.data('diameter')) / 2;
    const centre = n.hasClass('centre');
    out.push(
      `<g><circle cx="${p.x.toFixed(1)}" cy="${p.y.toFixed(1)}" r="${r.toFixed(1)}" fill="${n.data('colour')}"${centre ? ' stroke="#111827" stroke-width="4"' : ''}/>` +
        `<text x="${p.x.toFixed(1)}" y="${(p.y + r + 12).toFixed(1)}" text-anchor="middle" stroke="#ffffff" stroke-width="3" paint-order="stroke"${centre ? ' font-weight="bold" font-size="14"' : ''}>${escapeXml(String(n.data('label')))}</text></g>`,
    );
  });
  out.push('</svg>\n');
  return out.join('\n');
}
