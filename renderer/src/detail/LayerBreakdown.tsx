import { LAYER_IDS, LAYERS } from '../../../core/catalogue.ts';
import { activeLayers, type ModelConfig } from '../../../core/config.ts';
import { ragCode, ragName } from '../../../core/rag.ts';
import type { ScoreTable } from '../../../core/score.ts';
import { formatPercent, formatScore } from '../format.ts';

interface LayerBreakdownProps {
  readonly table: ScoreTable;
  readonly config: ModelConfig;
  readonly row: number;
}

/** Each layer's score (as a bar on the band colours) and how much of its signal weight has data. */
export function LayerBreakdown({ table, config, row }: LayerBreakdownProps) {
  const active = new Set(activeLayers(config));
  const totalWeight = [...active].reduce((sum, layer) => sum + config.layers[layer].weight, 0);

  return (
    <ul className="layers" data-testid="layer-breakdown">
      {LAYER_IDS.map((layer) => {
        const score = table.layerScore[layer][row] as number;
        const coverage = table.layerCoverage[layer][row] as number;
        const inModel = active.has(layer);
        const band = ragName(ragCode(score, config.rag));
        return (
          <li key={layer} className={`layer${inModel ? '' : ' layer-off'}`}>
            <div className="layer-head">
              <span className="layer-name" title={LAYERS[layer].question}>
                {LAYERS[layer].label}
              </span>
              <span className="layer-weight">
                {inModel
                  ? `${formatPercent(config.layers[layer].weight / totalWeight)} of score`
                  : 'not in model'}
              </span>
            </div>
            <div className="layer-bar" aria-hidden="true">
              {Number.isNaN(score) ? null : (
                <span className={`rag-fill rag-${band}`} style={{ width: `${score}%` }} />
              )}
            </div>
            <div className="layer-figures">
              <span className={`layer-score rag-text-${band}`}>
                {Number.isNaN(score) ? 'missing' : formatScore(score)}
              </span>
              <span className="muted">
                {Number.isNaN(coverage) ? '' : `coverage ${formatPercent(coverage)}`}
              </span>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
