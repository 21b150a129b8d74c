// Mermaid's SVG text to a tree the page may hold. The text is parsed as XML into a separate, inert
// document (nothing in it runs or loads), then copied element by element into new nodes of the
// page's own document, keeping only what diagram-rules.ts allows; no markup string ever reaches the
// page. Under the app's CSP (`style-src 'self'`) neither a `<style>` element nor a `style`
// attribute would apply, so styles go through the CSS object model instead: a node's own style
// becomes `element.style` declarations, and Mermaid's stylesheet (scoped to the diagram's id) is
// returned as CSS text for diagram-css.ts to adopt while the diagram is shown.
import { STYLE_ASIDE } from './diagram-style-aside';
import { safeAttribute, safeDeclaration, scopedSelector, SVG_ELEMENTS, UNWRAPPED_ELEMENTS } from './diagram-rules';

const SVG_NS = 'http://www.w3.org/2000/svg';

export interface CleanDiagram {
  svg: SVGSVGElement;
  /** The stylesheet's kept rules, as CSS text. */
  css: string;
}

/** The diagram as page nodes and scoped CSS, or null when the text is not one SVG. */
export function cleanDiagram(diagramId: string, svgText: string): CleanDiagram | null {
  const parsed = new DOMParser().parseFromString(svgText, 'image/svg+xml');
  const root = parsed.documentElement;
  if (root.namespaceURI !== SVG_NS || root.localName !== 'svg' || parsed.querySelector('parsererror')) return null;
  const styles: string[] = [];
  const svg = copyElement(diagramId, root, styles);
  if (!(svg instanceof SVGSVGElement)) return null;
  return { svg, css: cleanCss(diagramId, styles.join('\n')) };
}

function copyElement(diagramId: string, source: Element, styles: string[]): Element | null {
  const out = document.createElementNS(SVG_NS, source.localName);
  for (const name of source.getAttributeNames()) {
    if (name === 'style' || name === STYLE_ASIDE) continue;
    const value = safeAttribute(diagramId, name, source.getAttribute(name) ?? '');
    if (value !== null) out.setAttribute(name, value);
  }
  // The style Mermaid wrote (set aside while it drew, see diagram-style-aside.ts), then any other.
  for (const name of [STYLE_ASIDE, 'style']) {
    const style = source.getAttribute(name);
    if (style) applyDeclarations(out as SVGElement, style);
  }
  copyChildren(diagramId, source, out, styles);
  return out;
}

function copyChildren(diagramId: string, source: Element, into: Element, styles: string[]): void {
  for (const child of source.childNodes) {
    if (child.nodeType === Node.TEXT_NODE || child.nodeType === Node.CDATA_SECTION_NODE) {
      into.append(document.createTextNode(child.textContent ?? ''));
      continue;
    }
    if (!(child instanceof Element) || child.namespaceURI !== SVG_NS) continue;
    if (child.localName === 'style') styles.push(child.textContent ?? '');
    else if (UNWRAPPED_ELEMENTS.has(child.localName)) copyChildren(diagramId, child, into, styles);
    else if (SVG_ELEMENTS.has(child.localName)) {
      const copy = copyElement(diagramId, child, styles);
      if (copy) into.append(copy);
    }
  }
}

/** A detached element whose style the CSS parser fills (through the object model, not markup). */
let parser: HTMLElement | null = null;

/** The declarations of a style text, as the CSS parser reads them (shorthands expanded). */
function declarationsOf(style: string): CSSStyleDeclaration {
  parser ??= document.createElement('div');
  parser.style.cssText = style;
  return parser.style;
}

function applyDeclarations(element: SVGElement, style: string): void {
  const declarations = declarationsOf(style);
  for (const property of Array.from(declarations)) {
    const value = declarations.getPropertyValue(property);
    if (safeDeclaration(property, value))
      element.style.setProperty(property, value, declarations.getPropertyPriority(property));
  }
}

/** Mermaid's stylesheet, keeping only rules scoped to the diagram and their safe declarations. */
export function cleanCss(diagramId: string, css: string): string {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css); // @import is refused by replaceSync; other at-rules are dropped below
  const kept: string[] = [];
  for (const rule of Array.from(sheet.cssRules)) {
    if (!(rule instanceof CSSStyleRule) || !scopedSelector(diagramId, rule.selectorText)) continue;
    const body: string[] = [];
    for (const property of Array.from(rule.style)) {
      const value = rule.style.getPropertyValue(property);
      if (!safeDeclaration(property, value)) continue;
      const important = rule.style.getPropertyPriority(property) ? ' !important' : '';
      body.push(`${property}:${value}${important}`);
    }
    if (body.length) kept.push(`${rule.selectorText}{${body.join(';')}}`);
  }
  return kept.join('\n');
}
