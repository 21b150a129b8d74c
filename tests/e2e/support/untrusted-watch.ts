// Watches a page that shows untrusted text: every request for another origin is recorded and
// refused, dialogs and page errors are recorded, and the corpus's `__pwned` global logs what ran.
// `dangerousDom` lists what in a subtree could run code or load something (runs in the page).
import type { BrowserContext, Page } from '@playwright/test';

export interface UntrustedWatch {
  foreign: string[];
  dialogs: string[];
  errors: string[];
  pwned(): Promise<string[]>;
}

export async function watchUntrusted(context: BrowserContext, page: Page, origin: string): Promise<UntrustedWatch> {
  const w = { foreign: [] as string[], dialogs: [] as string[], errors: [] as string[] };
  await context.addInitScript(() => {
    const log: string[] = [];
    Object.defineProperty(window, '__pwned', { value: (id: unknown) => log.push(String(id)) });
    Object.defineProperty(window, '__pwnedLog', { value: log });
  });
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`)) return route.continue();
    w.foreign.push(url);
    return route.abort('blockedbyclient');
  });
  page.on('dialog', (d) => {
    w.dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  page.on('pageerror', (err) => w.errors.push(err.message));
  return {
    ...w,
    pwned: () => page.evaluate(() => [...(window as unknown as { __pwnedLog: string[] }).__pwnedLog]),
  };
}

/** Where the subtree comes from: an answer (the model's words) or a panel Runnel draws itself. */
export interface DomScope {
  /** Runnel's own form controls (a settings panel, the Tools popover) are expected here. */
  ownControls?: boolean;
}

/**
 * Elements and attributes under `root` that could run code or load something; empty when safe.
 * Runs in the page, so it is self-contained. SVG is allowed only as KaTeX's drawings, a cleaned
 * Mermaid diagram in its figure, and Runnel's own lucide icons outside the model's markdown; form
 * controls only as a task list's disabled checkbox, unless `ownControls` says the subtree is
 * Runnel's own panel.
 */
export function dangerousDom(root: Element, scope: DomScope = {}): string[] {
  const forbidden = new Set(
    'script iframe frame frameset object embed form base meta link style img image video audio source picture template noscript foreignobject use animate set animatetransform animatemotion'.split(
      ' ',
    ),
  );
  const controls = new Set(['input', 'textarea', 'select']);
  const urlAttributes = ['src', 'srcset', 'poster', 'action', 'formaction', 'data', 'ping', 'background', 'xlink:href'];
  const found: string[] = [];
  for (const el of root.querySelectorAll('*')) {
    const tag = el.tagName.toLowerCase();
    const inContent = el.closest('[data-part="content"]') !== null;
    if (forbidden.has(tag)) found.push(`<${tag}>`);
    const taskBox = tag === 'input' && el.getAttribute('type') === 'checkbox' && el.hasAttribute('disabled');
    if (controls.has(tag) && !taskBox && (inContent || !scope.ownControls)) found.push(`<${tag}>`);
    const ownIcon = el.classList.contains('lucide') && !el.closest('.markdown');
    const diagram = el.closest('figure.md-diagram .md-diagram-svg') !== null;
    if (tag === 'svg' && !el.closest('.katex') && !ownIcon && !diagram)
      found.push('<svg> outside KaTeX, diagrams and icons');
    for (const attr of el.getAttributeNames()) {
      const value = el.getAttribute(attr) ?? '';
      if (attr.startsWith('on')) found.push(`${tag}[${attr}]`);
      if (urlAttributes.includes(attr)) found.push(`${tag}[${attr}=${value.slice(0, 60)}]`);
      if (attr === 'href' && (tag !== 'a' || !/^(https?:|mailto:)/i.test(value)))
        found.push(`${tag}[href=${value.slice(0, 60)}]`);
      if (attr === 'style' && /url\(|@import|expression\(|javascript:/i.test(value))
        found.push(`${tag}[style=${value.slice(0, 60)}]`);
    }
  }
  return found;
}
