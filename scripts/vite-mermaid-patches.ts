// Build steps that keep Mermaid's work for one diagram in tasks of the page's size. Each replaces
// one exact piece of Mermaid's published text; if a piece is not found (a new Mermaid version?),
// the build stops and names it, so the change is looked at rather than silently lost.
//
// - `getConfig` copy: Mermaid calls `getConfig` for nearly every label, node and edge it draws, and
//   each call copied the whole configuration (every diagram type's settings and some 270 theme
//   variables) two levels deep through its general merge function, `assignWithDepth`, one property
//   definition at a time: a quarter to a half of a diagram's longest task on the diagram benchmark.
//   The replacement gives the same result (own enumerable keys two levels deep, deeper objects
//   copied shallowly, arrays copied without repeats, null values left out, as `assignWithDepth`
//   does) about four times faster. Every caller still gets its own copy to change.
// - Turns: Mermaid lays out and draws a diagram in one stretch of promises that never wait, so one
//   diagram was one long task. The page is given a turn (a new task) before each node is drawn and
//   measured (nodes are independent: each still goes into its own group, in the same order), after
//   the shapes are measured, after the layout, and after drawing, before Mermaid serialises and
//   sanitises its SVG text. Runnel draws one diagram at a time (diagram-render.ts), so nothing else
//   calls Mermaid meanwhile.
import type { Plugin } from 'vite';

interface Patch {
  what: string;
  /** The module's path ends with this (Mermaid's published ES modules). */
  file: RegExp;
  original: string;
  replacement: string;
}

/** A new task: what `await` gives the page in the replaced text. */
const TURN = 'await new Promise((resolve) => setTimeout(resolve, 0));';

const PATCHES: Patch[] = [
  {
    what: 'getConfig copies the configuration with a plain two-level copy',
    file: /[\\/]mermaid[\\/]dist[\\/]chunks[\\/]mermaid\.core[\\/]chunk-[\w-]+\.mjs$/,
    original:
      'var getConfig = /* @__PURE__ */ __name(() => {\n  return assignWithDepth_default({}, currentConfig);\n}, "getConfig");',
    replacement: `var runnelCopyConfig = (src, depth) => {
  if (Array.isArray(src)) {
    const out = [];
    for (const item of src) if (!out.includes(item)) out.push(item);
    return out;
  }
  if (depth <= 0) return Object.assign({}, src);
  const out = {};
  for (const key of Object.keys(src)) {
    const value = src[key];
    if (value === null) continue;
    const copy = typeof value === "object" ? runnelCopyConfig(value, depth - 1) : value;
    if (key === "__proto__") Object.defineProperty(out, key, { value: copy, writable: true, enumerable: true, configurable: true });
    else out[key] = copy;
  }
  return out;
};
var getConfig = /* @__PURE__ */ __name(() => {
  return runnelCopyConfig(currentConfig, 2);
}, "getConfig");`,
  },
  {
    what: 'a turn after the shapes are measured and after the layout',
    file: /[\\/]mermaid[\\/]dist[\\/]chunks[\\/]mermaid\.core[\\/]chunk-[\w-]+\.mjs$/,
    original:
      '    const measure = false ? await profiler.span("measure", () => measureLayoutFn(data4Layout, renderContext)) : await measureLayoutFn(data4Layout, renderContext);\n    const coreResult = false ? await profiler.span("layout", () => runLayoutCore(data4Layout, renderContext)) : await runLayoutCore(data4Layout, renderContext);\n',
    replacement: `    const measure = await measureLayoutFn(data4Layout, renderContext);\n    ${TURN}\n    const coreResult = await runLayoutCore(data4Layout, renderContext);\n    ${TURN}\n`,
  },
  {
    what: 'a turn before each node is drawn and measured (dagre)',
    file: /[\\/]mermaid[\\/]dist[\\/]chunks[\\/]mermaid\.core[\\/]dagre-[\w-]+\.mjs$/,
    original: '          await insertMeasuredNode(nodes, graph.node(v), { config: siteConfig, dir });\n',
    replacement: `          ${TURN}\n          await insertMeasuredNode(nodes, graph.node(v), { config: siteConfig, dir });\n`,
  },
  {
    what: 'a turn between drawing and serialising the SVG',
    file: /[\\/]mermaid[\\/]dist[\\/]mermaid\.core\.mjs$/,
    original: '      await diag.renderer.draw(text, id38, "12.4.0", diag);\n',
    replacement: `      await diag.renderer.draw(text, id38, "12.4.0", diag);\n      ${TURN}\n`,
  },
];

export function mermaidPatches(): Plugin {
  const applied = new Set<Patch>();
  let sawMermaid = false;
  return {
    name: 'runnel-mermaid-patches',
    apply: 'build',
    transform(code, id) {
      if (!/[\\/]node_modules[\\/]mermaid[\\/]dist[\\/]/.test(id)) return null;
      sawMermaid = true;
      let out = code;
      for (const patch of PATCHES) {
        if (!patch.file.test(id) || !out.includes(patch.original)) continue;
        out = out.replace(patch.original, patch.replacement);
        applied.add(patch);
      }
      return out === code ? null : { code: out, map: null };
    },
    buildEnd(error) {
      if (error || !sawMermaid) return;
      const missing = PATCHES.filter((p) => !applied.has(p)).map((p) => p.what);
      if (missing.length)
        this.error(
          `Mermaid's text no longer reads as scripts/vite-mermaid-patches.ts expects (a new Mermaid version?), not found: ${missing.join('; ')}. Check the new text and update or remove these steps.`,
        );
    },
  };
}
