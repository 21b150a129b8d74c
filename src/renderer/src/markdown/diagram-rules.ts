// What of Mermaid's SVG may reach the page (pure decisions; diagram-svg.ts applies them to the
// tree). An allow-list, not a block-list: shapes, text, markers, gradients and filters; never
// links, `use`, images, foreignObject, script, style elements, event handlers or URLs other than a
// reference to an element of the same diagram (`url(#…)`). Styles are kept as declarations of
// painting and text properties only, with values that load nothing.

/** SVG elements copied into the page (by their case-sensitive local name). */
export const SVG_ELEMENTS = new Set([
  'svg',
  'g',
  'path',
  'rect',
  'circle',
  'ellipse',
  'line',
  'polyline',
  'polygon',
  'text',
  'tspan',
  'title',
  'desc',
  'defs',
  'marker',
  'linearGradient',
  'radialGradient',
  'stop',
  'clipPath',
  'pattern',
  'filter',
  'feGaussianBlur',
  'feOffset',
  'feFlood',
  'feComposite',
  'feMerge',
  'feMergeNode',
  'feDropShadow',
  'feBlend',
  'feColorMatrix',
  'feMorphology',
]);

/** Elements replaced by their children: a link keeps its picture and loses its target. */
export const UNWRAPPED_ELEMENTS = new Set(['a', 'switch']);

/** Paint: allowed both as SVG attributes and as style properties. */
const PAINT = [
  'fill',
  'fill-opacity',
  'fill-rule',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-dashoffset',
  'stroke-linecap',
  'stroke-linejoin',
  'stroke-miterlimit',
  'opacity',
] as const;

const ATTRIBUTES = new Set([
  'id',
  'class',
  'role',
  'aria-roledescription',
  'aria-labelledby',
  'aria-describedby',
  'aria-hidden',
  'viewBox',
  'width',
  'height',
  'x',
  'y',
  'x1',
  'y1',
  'x2',
  'y2',
  'cx',
  'cy',
  'r',
  'rx',
  'ry',
  'dx',
  'dy',
  'd',
  'points',
  'transform',
  'preserveAspectRatio',
  ...PAINT,
  'marker-start',
  'marker-mid',
  'marker-end',
  'markerWidth',
  'markerHeight',
  'markerUnits',
  'refX',
  'refY',
  'orient',
  'clip-path',
  'clipPathUnits',
  'filter',
  'filterUnits',
  'patternUnits',
  'patternTransform',
  'gradientUnits',
  'gradientTransform',
  'offset',
  'stop-color',
  'stop-opacity',
  'text-anchor',
  'dominant-baseline',
  'alignment-baseline',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-decoration',
  'letter-spacing',
  'lengthAdjust',
  'textLength',
  'visibility',
  'display',
  'in',
  'in2',
  'result',
  'stdDeviation',
  'flood-color',
  'flood-opacity',
  'operator',
  'mode',
  'type',
  'values',
  'radius',
  'k1',
  'k2',
  'k3',
  'k4',
]);

/** Attributes whose value may be a reference to an element of the same diagram. */
const REFERENCE_ATTRIBUTES = new Set([
  'fill',
  'stroke',
  'marker-start',
  'marker-mid',
  'marker-end',
  'clip-path',
  'filter',
]);

/** Anything that could load, run or reach outside the diagram, in any attribute or style value. */
const UNSAFE_VALUE =
  /url\s*\(|image-set|image\s*\(|element\s*\(|expression\s*\(|attr\s*\(|javascript:|data:|@import|\\|<|>/i;
const LOCAL_REFERENCE = /^url\(\s*["']?#([\w.:-]+)["']?\s*\)$/;
const MAX_VALUE = 10_000; // `d` and `points` of a long edge

/** A kept id: the diagram's own prefix first, so no node can take the id of a part of the app. */
export const scopedId = (diagramId: string, id: string): string =>
  id === diagramId || id.startsWith(`${diagramId}-`) || id.startsWith(`${diagramId}_`) ? id : `${diagramId}-${id}`;

/** The value an attribute keeps in the page, or null to drop it. */
export function safeAttribute(diagramId: string, name: string, value: string): string | null {
  if (!ATTRIBUTES.has(name) || value.length > MAX_VALUE) return null;
  if (name === 'id') return /^[\w.:-]{1,200}$/.test(value) ? scopedId(diagramId, value) : null;
  if (name === 'aria-labelledby' || name === 'aria-describedby') {
    const ids = value.split(/\s+/).filter((id) => /^[\w.:-]{1,200}$/.test(id));
    return ids.length ? ids.map((id) => scopedId(diagramId, id)).join(' ') : null;
  }
  const reference = LOCAL_REFERENCE.exec(value.trim());
  if (reference) return REFERENCE_ATTRIBUTES.has(name) ? `url(#${scopedId(diagramId, reference[1]!)})` : null;
  return UNSAFE_VALUE.test(value) ? null : value;
}

/** Style properties kept (by Mermaid's stylesheet or a node's style): paint, text and box size. */
const PROPERTIES = new Set([
  ...PAINT,
  'color',
  'background-color',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'line-height',
  'text-anchor',
  'text-align',
  'text-decoration-line',
  'text-decoration-color',
  'text-decoration-style',
  'dominant-baseline',
  'alignment-baseline',
  'baseline-shift',
  'letter-spacing',
  'white-space',
  'visibility',
  'display',
  'max-width',
  'marker-start',
  'marker-mid',
  'marker-end',
  'stop-color',
  'stop-opacity',
  'flood-color',
  'flood-opacity',
  'rx',
  'ry',
]);

/** Whether a declaration (a longhand, as the CSS parser gives them) is kept. */
export function safeDeclaration(property: string, value: string): boolean {
  if (!PROPERTIES.has(property) || value.length > 500) return false;
  if (property.startsWith('marker-')) return value === 'none' || LOCAL_REFERENCE.test(value.trim());
  return !UNSAFE_VALUE.test(value);
}

/**
 * Whether a rule of Mermaid's stylesheet is kept: each of its selectors must start at this diagram
 * (`#id …`) and go down from it, never to its siblings (`#id ~ x`, `#id + x`), so no rule reaches the
 * app around it.
 */
export function scopedSelector(diagramId: string, selectorText: string): boolean {
  const selectors = splitTopLevel(selectorText, ',');
  return selectors.length > 0 && selectors.every((s) => scopedOne(diagramId, s.trim()));
}

function scopedOne(diagramId: string, s: string): boolean {
  const head = `#${diagramId}`;
  if (!s.startsWith(head)) return false;
  // The rest of the first compound selector, then the combinator after it.
  let i = head.length;
  if (/[\w-]/.test(s.charAt(i))) return false; // a longer id (`#diagram-10` is not `#diagram-1`)
  let depth = 0;
  for (; i < s.length; i++) {
    const c = s.charAt(i);
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (depth === 0 && /[\s>+~]/.test(c)) break;
  }
  const combinator = s.slice(i).trimStart().charAt(0);
  return depth === 0 && combinator !== '+' && combinator !== '~';
}

function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === separator && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}
