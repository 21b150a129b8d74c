// The allow-list a drawn diagram passes through before the page holds it: attributes, style
// declarations and stylesheet selectors.
import { describe, expect, it } from 'vitest';
import {
  safeAttribute,
  safeDeclaration,
  scopedId,
  scopedSelector,
  SVG_ELEMENTS,
  UNWRAPPED_ELEMENTS,
} from './diagram-rules';

const id = 'runnel-diagram-3';

describe('diagram elements', () => {
  it('keeps shapes and text, unwraps links, and has nothing that embeds, links or runs', () => {
    for (const kept of ['svg', 'g', 'path', 'rect', 'text', 'tspan', 'marker', 'defs', 'linearGradient'])
      expect(SVG_ELEMENTS.has(kept)).toBe(true);
    for (const refused of [
      'script',
      'style',
      'foreignObject',
      'a',
      'use',
      'image',
      'iframe',
      'animate',
      'set',
      'feImage',
    ])
      expect(SVG_ELEMENTS.has(refused)).toBe(false);
    expect(UNWRAPPED_ELEMENTS.has('a')).toBe(true);
  });
});

describe('safeAttribute', () => {
  it('keeps geometry, paint and text attributes', () => {
    expect(safeAttribute(id, 'd', 'M0,0L10,10')).toBe('M0,0L10,10');
    expect(safeAttribute(id, 'class', 'node default')).toBe('node default');
    expect(safeAttribute(id, 'fill', '#ececff')).toBe('#ececff');
    expect(safeAttribute(id, 'viewBox', '0 0 100 50')).toBe('0 0 100 50');
  });

  it('drops handlers, links, styles and anything that names a URL', () => {
    expect(safeAttribute(id, 'onclick', '__pwned(1)')).toBeNull();
    expect(safeAttribute(id, 'onload', '__pwned(1)')).toBeNull();
    expect(safeAttribute(id, 'href', '#x')).toBeNull();
    expect(safeAttribute(id, 'xlink:href', 'javascript:__pwned(1)')).toBeNull();
    expect(safeAttribute(id, 'style', 'fill:red')).toBeNull();
    expect(safeAttribute(id, 'src', 'https://evil.example/x')).toBeNull();
    expect(safeAttribute(id, 'fill', 'url(https://evil.example/x#p)')).toBeNull();
    expect(safeAttribute(id, 'fill', 'url(data:image/svg+xml,x)')).toBeNull();
    expect(safeAttribute(id, 'class', 'a<b')).toBeNull();
    expect(safeAttribute(id, 'transform', 'translate(1 1) \\75rl(x)')).toBeNull();
  });

  it('keeps references to the diagram’s own elements, under its own id prefix', () => {
    expect(safeAttribute(id, 'marker-end', `url(#${id}_flowchart-v2-pointEnd)`)).toBe(
      `url(#${id}_flowchart-v2-pointEnd)`,
    );
    expect(safeAttribute(id, 'marker-end', 'url(#arrowhead)')).toBe(`url(#${id}-arrowhead)`);
    expect(safeAttribute(id, 'id', 'arrowhead')).toBe(`${id}-arrowhead`);
    expect(safeAttribute(id, 'id', 'root')).toBe(`${id}-root`); // never the id of a part of the app
    expect(safeAttribute(id, 'id', `${id}-flowchart-A-0`)).toBe(`${id}-flowchart-A-0`);
    expect(scopedId(id, 'runnel-diagram-30')).toBe(`${id}-runnel-diagram-30`);
    expect(safeAttribute(id, 'aria-labelledby', `chart-title-${id} x`)).toBe(`${id}-chart-title-${id} ${id}-x`);
    expect(safeAttribute(id, 'class', 'url(#x)')).toBeNull();
  });
});

describe('safeDeclaration', () => {
  it('keeps paint and text properties with plain values', () => {
    expect(safeDeclaration('fill', '#f9f')).toBe(true);
    expect(safeDeclaration('stroke-width', '4px')).toBe(true);
    expect(safeDeclaration('font-family', 'var(--font)')).toBe(true);
    expect(safeDeclaration('max-width', '420px')).toBe(true);
    expect(safeDeclaration('marker-end', 'url(#m)')).toBe(true);
  });

  it('drops loads, positioning and anything outside the list', () => {
    expect(safeDeclaration('fill', 'url(https://evil.example/p)')).toBe(false);
    expect(safeDeclaration('background-image', 'url(https://evil.example/b.png)')).toBe(false);
    expect(safeDeclaration('background-color', 'image-set("https://evil.example/b.png" 1x)')).toBe(false);
    expect(safeDeclaration('font-family', '"x\\", url(https://evil.example/)')).toBe(false);
    expect(safeDeclaration('position', 'fixed')).toBe(false);
    expect(safeDeclaration('inset', '0')).toBe(false);
    expect(safeDeclaration('content', '"x"')).toBe(false);
    expect(safeDeclaration('cursor', 'url(https://evil.example/c.cur), auto')).toBe(false);
    expect(safeDeclaration('marker-end', 'url(https://evil.example/m.svg#m)')).toBe(false);
    expect(safeDeclaration('-webkit-mask-image', 'url(https://evil.example/m.svg)')).toBe(false);
  });
});

describe('scopedSelector', () => {
  it('keeps rules that start at the diagram and go down from it', () => {
    expect(scopedSelector(id, `#${id}`)).toBe(true);
    expect(scopedSelector(id, `#${id} .node rect`)).toBe(true);
    expect(scopedSelector(id, `#${id} .a, #${id} .b > text`)).toBe(true);
    expect(scopedSelector(id, `#${id}:hover .a`)).toBe(true);
    expect(scopedSelector(id, `#${id} .a ~ .b`)).toBe(true);
  });

  it('drops rules that reach the app: other elements, siblings, a longer id, a list with one escape', () => {
    expect(scopedSelector(id, 'body')).toBe(false);
    expect(scopedSelector(id, `.node, #${id} .x`)).toBe(false);
    expect(scopedSelector(id, `#${id} .x, body *`)).toBe(false);
    expect(scopedSelector(id, `#${id} ~ *`)).toBe(false);
    expect(scopedSelector(id, `#${id}+div`)).toBe(false);
    expect(scopedSelector(id, `#${id}:is(svg) ~ *`)).toBe(false);
    expect(scopedSelector(id, `#${id}0 .x`)).toBe(false);
    expect(scopedSelector(id, `:root #${id}`)).toBe(false);
  });
});
