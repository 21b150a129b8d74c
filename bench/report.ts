// Prints benchmark rows as one aligned table: benchmark number, figure, value, same-run baseline, target.
export type Row = [bench: string, name: string, value: string, baseline: string, target: string];

export function printTable(rows: readonly Row[]): void {
  const width = (i: number) => Math.max(...rows.map((r) => r[i]!.length), 0);
  const [w1, w2, w3] = [width(1), width(2), width(3)];
  console.log(`${'#'.padEnd(2)} ${'figure'.padEnd(w1)} ${'value'.padStart(w2)}   ${'baseline'.padEnd(w3)} target`);
  for (const [n, name, value, base, target] of rows)
    console.log(`${n.padEnd(2)} ${name.padEnd(w1)} ${value.padStart(w2)}   ${base.padEnd(w3)} ${target}`);
}
