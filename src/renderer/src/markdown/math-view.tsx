// One formula, typeset by KaTeX into a span React leaves empty: katex.render builds DOM nodes
// itself (no HTML string is parsed), so the span has no React children for it to fight over.
// Until then (KaTeX loads with the first formula, lazy-module.ts), and if KaTeX fails, the TeX
// source is what shows.
import { useLayoutEffect, useRef } from 'react';
import { katexOptions, typesettable } from './katex-options';
import { lazyModule } from './lazy-module';

const katexModule = lazyModule(() => import('katex').then((m) => m.default));
type Katex = NonNullable<ReturnType<typeof katexModule.get>>;

interface Props {
  tex: string;
  display: boolean;
}

export function MathView({ tex, display }: Props) {
  const ref = useRef<HTMLSpanElement>(null);

  // A layout effect: the formula is in place before paint, so rows are measured at their size.
  useLayoutEffect(() => {
    const host = ref.current;
    if (!host) return;
    const katex = katexModule.get();
    if (katex) return typeset(katex, host, tex, display);
    showSource(host, tex);
    let live = true;
    katexModule.load().then(
      (loaded) => live && typeset(loaded, host, tex, display),
      () => {}, // the source stays
    );
    return () => {
      live = false;
    };
  }, [tex, display]);

  return <span ref={ref} className={display ? 'md-math md-math-display' : 'md-math'} data-tex={tex} />;
}

function typeset(katex: Katex, host: HTMLElement, tex: string, display: boolean): void {
  if (!typesettable(tex)) {
    showSource(host, tex);
    return;
  }
  try {
    katex.render(tex, host, katexOptions(display));
  } catch {
    // Parse errors are drawn by KaTeX itself (throwOnError: false); anything else shows the source.
    showSource(host, tex);
  }
}

function showSource(host: HTMLElement, tex: string): void {
  host.replaceChildren();
  const code = document.createElement('code');
  code.className = 'md-math-source';
  code.textContent = tex;
  host.append(code);
}
