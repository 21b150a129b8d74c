// Mermaid writes a `style` attribute on most of what it draws. Under the app's CSP
// (`style-src 'self'`, no 'unsafe-inline') every such attribute is refused and reported as a
// violation, and the report costs Chromium tens of microseconds each time: a diagram of a few
// hundred shapes paid tens of milliseconds for it while drawing, again when Mermaid sanitised its
// own SVG text, and again when diagram-svg.ts parsed that text. The refused style never applied,
// so while Mermaid draws inside the scratch element its `style` attribute is written under another
// name (STYLE_ASIDE) instead; diagram-svg.ts reads that name exactly as it reads `style`, through
// the same declaration allow-list, into the element's style object.

/** Where Mermaid's `style` attributes are written while it draws in the scratch element. */
export const STYLE_ASIDE = 'data-runnel-style';

const isStyle = (name: string): boolean => name.length === 5 && name.toLowerCase() === 'style';

/**
 * Runs `draw` with `style` attributes of elements inside `scratch` written, read and removed as
 * STYLE_ASIDE. Elements anywhere else are untouched. Calls must not overlap (the draw queue in
 * diagram-render.ts runs one at a time).
 */
export async function withStylesAside<T>(scratch: Element, draw: () => Promise<T>): Promise<T> {
  const proto = Element.prototype;
  const { setAttribute, getAttribute, removeAttribute, hasAttribute } = proto;
  const aside = (element: Element, name: string): string =>
    isStyle(name) && scratch.contains(element) ? STYLE_ASIDE : name;
  const patched: Pick<Element, 'setAttribute' | 'getAttribute' | 'removeAttribute' | 'hasAttribute'> = {
    setAttribute(this: Element, name: string, value: string) {
      setAttribute.call(this, aside(this, name), value);
    },
    getAttribute(this: Element, name: string) {
      return getAttribute.call(this, aside(this, name));
    },
    removeAttribute(this: Element, name: string) {
      removeAttribute.call(this, aside(this, name));
    },
    hasAttribute(this: Element, name: string) {
      return hasAttribute.call(this, aside(this, name));
    },
  };
  Object.assign(proto, patched);
  try {
    return await draw();
  } finally {
    // Put back only what is still ours (nothing else should have replaced them meanwhile).
    if (proto.setAttribute === patched.setAttribute) proto.setAttribute = setAttribute;
    if (proto.getAttribute === patched.getAttribute) proto.getAttribute = getAttribute;
    if (proto.removeAttribute === patched.removeAttribute) proto.removeAttribute = removeAttribute;
    if (proto.hasAttribute === patched.hasAttribute) proto.hasAttribute = hasAttribute;
  }
}
