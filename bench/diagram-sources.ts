// Twenty diagrams of the kinds models write (flowcharts, sequences, classes, states, entities,
// gantt charts, pies), each of a realistic size: ten to thirty nodes or messages. `variant` changes
// every label, so a second run is not served from a cache.
export function diagramSources(variant: number, count = 20): string[] {
  const makers = [flowchart, sequence, classes, states, entities, gantt, pie];
  return Array.from({ length: count }, (_, i) => makers[i % makers.length]!(i, variant));
}

/** The kind of the i-th diagram of `diagramSources`. */
export const diagramKind = (i: number): string =>
  ['flowchart', 'sequence', 'class', 'state', 'entity', 'gantt', 'pie'][i % 7]!;

const v = (i: number, variant: number): string => `${i}v${variant}`;

function flowchart(i: number, variant: number): string {
  const lines = ['flowchart LR'];
  for (let n = 0; n < 14; n++) lines.push(`  N${n}[Step ${n} ${v(i, variant)}] --> N${n + 1}{Check ${n}?}`);
  lines.push('  N3 -->|retry| N1', '  N9 -->|skip| N12');
  return lines.join('\n');
}

function sequence(i: number, variant: number): string {
  const lines = [
    'sequenceDiagram',
    '  participant C as Client',
    '  participant S as Server',
    '  participant M as Model',
  ];
  for (let n = 0; n < 8; n++)
    lines.push(`  C->>S: request ${n} ${v(i, variant)}`, `  S->>M: tokens ${n}`, `  M-->>C: answer ${n}`);
  return lines.join('\n');
}

function classes(i: number, variant: number): string {
  const lines = ['classDiagram'];
  for (let n = 0; n < 8; n++)
    lines.push(
      `  class C${n} {`,
      `    +String name${v(i, variant)}`,
      `    +run(n int) bool`,
      '  }',
      `  C${n} <|-- C${n + 1}`,
    );
  return lines.join('\n');
}

function states(i: number, variant: number): string {
  const lines = ['stateDiagram-v2', '  [*] --> S0'];
  for (let n = 0; n < 12; n++) lines.push(`  S${n} --> S${n + 1}: event ${n} ${v(i, variant)}`);
  lines.push('  S12 --> [*]');
  return lines.join('\n');
}

function entities(i: number, variant: number): string {
  const lines = ['erDiagram'];
  for (let n = 0; n < 8; n++)
    lines.push(
      `  E${n} ||--o{ E${n + 1} : "has ${v(i, variant)}"`,
      `  E${n} {`,
      '    string id',
      '    int size',
      '  }',
    );
  return lines.join('\n');
}

function gantt(i: number, variant: number): string {
  const lines = ['gantt', '  dateFormat YYYY-MM-DD', `  title Plan ${v(i, variant)}`, '  section Build'];
  for (let n = 0; n < 12; n++)
    lines.push(`  Task ${n} :t${n}, ${n === 0 ? '2026-01-01' : `after t${n - 1}`}, ${1 + (n % 4)}d`);
  return lines.join('\n');
}

function pie(i: number, variant: number): string {
  const lines = [`pie title Share ${v(i, variant)}`];
  for (let n = 0; n < 8; n++) lines.push(`  "Part ${n}" : ${10 + n * 3}`);
  return lines.join('\n');
}
