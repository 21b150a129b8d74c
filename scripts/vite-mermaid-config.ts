// A build step for Mermaid's `getConfig`: Mermaid calls it for nearly every label, node and edge it
// draws, and each call copies the whole configuration (every diagram type's settings and some 270
// theme variables) two levels deep through its general merge function, `assignWithDepth`, which
// defines each property one at a time. On the diagram benchmark those copies were a quarter to a
// half of a diagram's longest task. The build replaces that one function body with a copy that
// gives the same result (own enumerable keys two levels deep, deeper objects copied shallowly,
// arrays copied without repeats, null values left out, as `assignWithDepth` does), only faster.
// Every caller still gets its own copy to change. If Mermaid's text changes, the build stops and
// says so, so the change is looked at rather than silently lost.
import type { Plugin } from 'vite';

const ORIGINAL =
  'var getConfig = /* @__PURE__ */ __name(() => {\n  return assignWithDepth_default({}, currentConfig);\n}, "getConfig");';

const REPLACEMENT = `var runnelCopyConfig = (src, depth) => {
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
}, "getConfig");`;

/** Mermaid's module that holds `getConfig` (its name carries a content hash). */
const isMermaidChunk = (id: string): boolean => /[\\/]node_modules[\\/]mermaid[\\/]dist[\\/].*\.mjs$/.test(id);

export function mermaidConfigCopy(): Plugin {
  let replaced = false;
  let sawMermaid = false;
  return {
    name: 'runnel-mermaid-config-copy',
    apply: 'build',
    transform(code, id) {
      if (!isMermaidChunk(id)) return null;
      sawMermaid = true;
      if (!code.includes(ORIGINAL)) return null;
      replaced = true;
      return { code: code.replace(ORIGINAL, REPLACEMENT), map: null };
    },
    buildEnd(error) {
      if (error || !sawMermaid || replaced) return;
      this.error(
        "Mermaid's getConfig no longer reads as scripts/vite-mermaid-config.ts expects (a new Mermaid version?): check the new text and update or remove this step",
      );
    },
  };
}
