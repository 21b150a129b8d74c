// lowlight's syntax tree to React elements. Only text and `span`s with plain class names come
// through; any other element keeps its text and loses its tag, so no tree can make markup.
import type { ReactNode } from 'react';
import type { HighlightTree } from './highlight';

type HastNode = HighlightTree['children'][number];

const safeClass = /^[A-Za-z_][\w-]*$/;

function classNameOf(properties: Record<string, unknown> | undefined): string | undefined {
  const value = properties?.className;
  const names = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/\s+/) : [];
  const kept = names.filter((n): n is string => typeof n === 'string' && safeClass.test(n));
  return kept.length ? kept.join(' ') : undefined;
}

export function hastToReact(nodes: readonly HastNode[]): ReactNode[] {
  return nodes.map((node, i) => convert(node, i));
}

function convert(node: HastNode, key: number): ReactNode {
  switch (node.type) {
    case 'text':
      return node.value;
    case 'element': {
      const children = hastToReact(node.children);
      if (node.tagName !== 'span') return <span key={key}>{children}</span>;
      return (
        <span key={key} className={classNameOf(node.properties)}>
          {children}
        </span>
      );
    }
    default:
      // Comments and doctypes carry nothing to show.
      return null;
  }
}
