import type { RagName } from '../../../core/rag.ts';
import { RAG_LABELS } from '../labels.ts';
import type { RagCounts } from './rows.ts';

export type BandFilter = RagName | 'all';

const OPTIONS: readonly BandFilter[] = ['all', 'red', 'yellow', 'green', 'unscored'];

interface RagFilterProps {
  readonly value: BandFilter;
  readonly counts: RagCounts;
  readonly total: number;
  readonly onChange: (value: BandFilter) => void;
}

/** All / Red / Yellow / Green / Unscored, each with how many accounts it holds. */
export function RagFilter({ value, counts, total, onChange }: RagFilterProps) {
  return (
    <div className="segmented" role="radiogroup" aria-label="Filter by band">
      {OPTIONS.map((option) => (
        <button
          key={option}
          type="button"
          role="radio"
          aria-checked={value === option}
          className={`segment${value === option ? ' segment-active' : ''}`}
          data-band={option}
          onClick={() => onChange(option)}
        >
          {option === 'all' ? null : <span className={`band-dot rag-${option}`} aria-hidden />}
          {option === 'all' ? 'All' : RAG_LABELS[option]}
          <span className="segment-count">{option === 'all' ? total : counts[option]}</span>
        </button>
      ))}
    </div>
  );
}
