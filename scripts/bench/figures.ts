/**
 * What a benchmark part reports (one JSON line on stdout, read by scripts/bench.ts) and how a figure is
 * printed beside the one in scripts/bench/baseline.json.
 */

export interface Figure {
  /** Stable name: the key of the figure in scripts/bench/baseline.json. */
  readonly id: string;
  readonly label: string;
  /** NaN when it could not be measured (the note says why). */
  readonly value: number;
  readonly unit: 'ms' | 's' | 'MB' | 'MiB' | 'KB' | '×' | '';
  /** Shown after the figures: a target, a breakdown, why it is missing. */
  readonly note?: string;
}

export interface FigureGroup {
  readonly title: string;
  readonly figures: Figure[];
}

export const median = (samples: readonly number[]): number => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

export function formatValue(value: number | undefined, unit: Figure['unit']): string {
  if (value === undefined || Number.isNaN(value)) return '—';
  switch (unit) {
    case 'ms':
      return `${value.toFixed(value < 100 ? 1 : 0)} ms`;
    case 's':
      return `${value.toFixed(2)} s`;
    case 'MiB':
      return `${value.toFixed(2)} MiB`;
    case '×':
      return `${value.toFixed(2)}×`;
    case '':
      return String(value);
    default:
      return `${value.toFixed(0)} ${unit}`;
  }
}

/** The group's lines: label, the figure now, the baseline's, and the note. */
export function formatGroup(group: FigureGroup, before: Readonly<Record<string, number>>): string[] {
  const width = Math.max(...group.figures.map((f) => f.label.length));
  const nowWidth = Math.max(...group.figures.map((f) => formatValue(f.value, f.unit).length));
  return [
    group.title,
    ...group.figures.map((f) => {
      const now = formatValue(f.value, f.unit).padStart(nowWidth);
      const then = f.id in before ? formatValue(before[f.id], f.unit) : 'not measured';
      return `  ${f.label.padEnd(width)}  ${now}  / before ${then}${f.note ? `  ${f.note}` : ''}`.trimEnd();
    }),
  ];
}
