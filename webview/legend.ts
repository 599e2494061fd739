// The legend under the diagram's toolbar, opened by its Legend button: one compact row of
// swatches with short names (what the shapes, lines and marks are), each with its full
// explanation as a tooltip and for screen readers.
// Swatches are small SVGs of our own, coloured by the same `--vscode-*` variables as the
// diagram's overrides in panel.css.

import { h, svg } from './dom';

const W = 34;
const H = 20;

type Drawing = () => SVGElement[];

const box = (cls: string, rx = 2): SVGElement => svg('rect', { x: 2, y: 3, width: W - 4, height: H - 6, rx, class: cls });

interface Key {
  readonly draw: Drawing;
  readonly name: string;
  readonly explanation: string;
}

const KEYS: readonly Key[] = [
  { draw: () => [box('shape')], name: 'component', explanation: 'A box is a component: scheduler, controller manager, container runtime or add-on.' },
  {
    draw: () => [box('shape'), svg('line', { x1: 7, y1: 3, x2: 7, y2: H - 3, class: 'shape' }), svg('line', { x1: W - 7, y1: 3, x2: W - 7, y2: H - 3, class: 'shape' })],
    name: 'API server',
    explanation: 'A double-edged box is the API server, the front door every other part talks to.',
  },
  {
    draw: () => [svg('path', { d: `M3 6 v8 a14 3 0 0 0 28 0 v-8`, class: 'shape' }), svg('ellipse', { cx: W / 2, cy: 6, rx: 14, ry: 3, class: 'shape' })],
    name: 'etcd',
    explanation: 'The cylinder is etcd, the key-value store that holds all cluster state.',
  },
  {
    draw: () => [svg('polygon', { points: `3,${H / 2} 9,3 ${W - 9},3 ${W - 3},${H / 2} ${W - 9},${H - 3} 9,${H - 3}`, class: 'shape' })],
    name: 'HA front',
    explanation: 'The hexagon is the HA front: a load balancer or virtual IP before several API servers.',
  },
  { draw: () => [box('shape', 7)], name: 'kubelet', explanation: 'Rounded ends mark the kubelet, the node agent of a pool, at the top of its runtime stack.' },
  {
    draw: () => [svg('polygon', { points: `8,3 ${W - 2},3 ${W - 8},${H - 3} 2,${H - 3}`, class: 'shape' })],
    name: 'OCI runtime',
    explanation: 'A slanted box is an OCI runtime (runc, runhcs) or a RuntimeClass handler, at the bottom of a stack.',
  },
  { draw: () => [svg('line', { x1: 2, y1: H / 2, x2: W - 2, y2: H / 2, class: 'line solid' })], name: 'calls', explanation: 'An arrow is a call down the runtime stack (CRI, Docker API, gRPC, OCI) or inside the control plane.' },
  {
    draw: () => [svg('line', { x1: 2, y1: H / 2, x2: W - 2, y2: H / 2, class: 'line dotted' })],
    name: 'watches API',
    explanation: 'A dotted line is a watch on the API server: the kubelets of the node band learn the pods to run, kube-proxy and DNS the Services.',
  },
  {
    draw: () => [svg('line', { x1: 2, y1: H / 2, x2: W - 8, y2: H / 2, class: 'line' }), svg('circle', { cx: W - 5, cy: H / 2, r: 3, class: 'line end' })],
    name: 'runs on',
    explanation: 'A line ending in a circle runs from a RuntimeClass to each pool whose nodes load its handler: its pods can run there.',
  },
  { draw: () => [svg('line', { x1: 2, y1: H / 2, x2: W - 2, y2: H / 2, class: 'line thick' })], name: 'load-balances', explanation: 'A thick line load-balances the API servers.' },
  { draw: () => [box('mark sev-error')], name: 'error', explanation: 'A thick red border marks an error finding: it blocks the move past dockershim.' },
  { draw: () => [box('mark sev-warning')], name: 'warning', explanation: 'A dashed amber border marks a warning: someone should look.' },
  { draw: () => [box('mark sev-info')], name: 'info', explanation: 'A blue border marks information worth knowing.' },
  { draw: () => [box('mark sev-warning', 0)], name: '✖ ▲ pool', explanation: 'A pool framed in red (✖ before its title) is blocked at the target version; framed in dashed amber (▲), at risk. Its title names the blockers.' },
  { draw: () => [box('mark removed')], name: 'removed', explanation: 'A red tint marks what Kubernetes removed: dockershim, gone from the kubelet in 1.24.' },
  { draw: () => [box('mark selected')], name: 'selected', explanation: 'A glow marks the component shown in the details pane.' },
];

export function legend(): HTMLElement {
  const items = KEYS.map((key) => h('li', { attrs: { title: key.explanation } }, [
    svg('svg', { width: W, height: H, viewBox: `0 0 ${W} ${H}`, 'aria-hidden': 'true', focusable: 'false' }, key.draw()),
    h('span', { text: key.name, attrs: { 'aria-hidden': 'true' } }),
    h('span', { class: 'visually-hidden', text: key.explanation }),
  ]));
  return h('div', { class: 'legend', attrs: { role: 'group', 'aria-labelledby': 'legend-heading' } }, [
    h('h2', {
      class: 'legend-heading',
      text: 'Legend',
      attrs: { id: 'legend-heading', title: 'Boxes group the control plane, each node pool (nodes alike in role, OS, runtime and kubelet version, drawn once with its runtime stack) and the add-ons.' },
    }),
    h('ul', {}, items),
  ]);
}
