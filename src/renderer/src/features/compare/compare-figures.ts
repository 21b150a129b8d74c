// The figures of compared answers, one row per figure and one cell per answer, each in the
// current language, with the best of each row marked: the earliest first token, the highest
// speed, the shortest total time (only once at least two answers have that figure; speed and total
// time only among finished answers, since a stopped one's short total is no speed). Token counts
// and the transport are shown, never ranked.
import type { Message, MessageMetrics } from '../../../../shared/domain';
import { formatDuration, type FiguresMessages } from '../chat/figures-messages';
import type { CompareMessages } from './compare-messages';

export type FigureKey = 'ttft' | 'speed' | 'tokens' | 'total' | 'transport';

export interface FigureCell {
  text: string | null;
  /** The best of its row. */
  best: boolean;
}

export interface FigureRow {
  key: FigureKey;
  label: string;
  /** One per answer, in the answers' order. */
  cells: FigureCell[];
}

type Rank = 'low' | 'high' | null;

interface RowSpec {
  key: FigureKey;
  label: (m: CompareMessages) => string;
  value: (metrics: MessageMetrics) => number | null;
  text: (metrics: MessageMetrics, m: CompareMessages, f: FiguresMessages) => string | null;
  rank: Rank;
  /** Ranked among finished answers only: a stopped or failed answer's short total is not speed. */
  finishedOnly?: boolean;
}

const known = (n: number | null | undefined): n is number => typeof n === 'number' && Number.isFinite(n);

const rows: readonly RowSpec[] = [
  {
    key: 'ttft',
    label: (m) => m.firstToken,
    value: (x) => (known(x.ttftMs) ? x.ttftMs : null),
    text: (x, _m, f) => (known(x.ttftMs) ? formatDuration(x.ttftMs, f) : null),
    rank: 'low',
  },
  {
    key: 'speed',
    label: (m) => m.speed,
    value: (x) => (known(x.tokensPerSecond) ? x.tokensPerSecond : null),
    text: (x, m) => (known(x.tokensPerSecond) ? m.perSecond(x.tokensPerSecond.toFixed(1)) : null),
    rank: 'high',
    finishedOnly: true,
  },
  {
    key: 'tokens',
    label: (m) => m.tokens,
    value: (x) => (known(x.completionTokens) ? x.completionTokens : null),
    text: (x, m) => (known(x.completionTokens) ? m.count(x.completionTokens) : null),
    rank: null,
  },
  {
    key: 'total',
    label: (m) => m.total,
    value: (x) => (known(x.totalMs) ? x.totalMs : null),
    text: (x, _m, f) => (known(x.totalMs) ? formatDuration(x.totalMs, f) : null),
    rank: 'low',
    finishedOnly: true,
  },
  {
    key: 'transport',
    label: (m) => m.transport,
    value: () => null,
    text: (x, m) => (x.transport ? (x.httpVersion ? m.http(m[x.transport], x.httpVersion) : m[x.transport]) : null),
    rank: null,
  },
];

export function compareFigures(answers: readonly Message[], m: CompareMessages, f: FiguresMessages): FigureRow[] {
  return rows.map((row) => {
    // Only a finished figure is ranked: speed and total time settle at the end, a first token when it comes.
    const values = answers.map((a) => row.value(a.metrics));
    const ranked = values.filter(
      (v, i): v is number => known(v) && (!row.finishedOnly || answers[i]!.status === 'done'),
    );
    const best =
      row.rank === null || ranked.length < 2 ? null : row.rank === 'low' ? Math.min(...ranked) : Math.max(...ranked);
    return {
      key: row.key,
      label: row.label(m),
      cells: answers.map((a, i) => ({
        text: row.text(a.metrics, m, f),
        best: best !== null && values[i] === best && (!row.finishedOnly || a.status === 'done'),
      })),
    };
  });
}
