// One formula, typeset by KaTeX into a span React leaves empty: katex.render builds DOM nodes
// itself (no HTML string is parsed), so the span has no React children for it to fight over.
// Until then, and if KaTeX fails, the TeX source is what shows.
import katex from 'katex';
import { useLayoutEffect, useRef } from 'react';
import { katexOptions, typesettable } from './katex-options';

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
    typeset(host, tex, display);
  }, [tex, display]);

  return <span ref={ref} className={display ? 'md-math md-math-display' : 'md-math'} data-tex={tex} />;
}

function typeset(host: HTMLElement, tex: string, display: boolean): void {
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
