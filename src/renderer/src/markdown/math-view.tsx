// One formula, typeset by KaTeX into a span React leaves empty: katex.render builds DOM nodes
// itself (no HTML string is parsed), so the span has no React children for it to fight over.
// The typesetting happens while rendering, into an element not in the page, and the commit only
// moves the result in: in a paced reveal (use-revealed-text.ts) that render is cut into slices, so
// the formulas of a 100 KB answer never add up in one task. Until KaTeX has loaded (with the first
// formula, lazy-module.ts), and if it fails, the TeX source is what shows.
import { useLayoutEffect, useMemo, useRef } from 'react';
import { katexOptions, typesettable } from './katex-options';
import { lazyModule, useLazyModule } from './lazy-module';

const katexModule = lazyModule(() => import('katex').then((m) => m.default));
type Katex = NonNullable<ReturnType<typeof katexModule.get>>;

interface Props {
  tex: string;
  display: boolean;
}

export function MathView({ tex, display }: Props) {
  const ref = useRef<HTMLSpanElement>(null);
  const katex = useLazyModule(katexModule, true);
  const formula = useMemo(() => (katex ? typeset(katex, tex, display) : null), [katex, tex, display]);

  // A layout effect: the formula is in place before paint, so rows are measured at their size.
  useLayoutEffect(() => {
    ref.current?.replaceChildren(formula ?? source(tex));
  }, [formula, tex]);

  return <span ref={ref} className={display ? 'md-math md-math-display' : 'md-math'} data-tex={tex} />;
}

/** The typeset formula (one node, not yet in the page), or its source if KaTeX cannot typeset it. */
function typeset(katex: Katex, tex: string, display: boolean): Node {
  if (!typesettable(tex)) return source(tex);
  const aside = document.createElement('span');
  try {
    katex.render(tex, aside, katexOptions(display));
  } catch {
    // Parse errors are drawn by KaTeX itself (throwOnError: false); anything else shows the source.
    return source(tex);
  }
  return aside.firstChild ?? source(tex);
}

function source(tex: string): Node {
  const code = document.createElement('code');
  code.className = 'md-math-source';
  code.textContent = tex;
  return code;
}
