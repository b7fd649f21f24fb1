/**
 * The Calibration view: every weight, switch, band edge and override of the
 * model, recomputed over the whole snapshot history on each change (in a
 * worker), with the backtest headline, the bands now and over time, what moved
 * against the saved version, the guardrails, the suggested weights, and the
 * saved versions to compare with and restore.
 */
import './calibration.css';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ModelVersion } from '../../../core/api.ts';
import {
  LAYER_IDS,
  LAYERS,
  SIGNALS,
  signalsOfLayer,
  type LayerId,
} from '../../../core/catalogue.ts';
import {
  DEFAULT_MODEL,
  guardrails,
  parseModelConfig,
  type ModelConfig,
} from '../../../core/config.ts';
import type { BacktestHeadline } from '../../../core/headline.ts';
import { api } from '../api/client.ts';
import { useModel } from '../model/ModelContext.tsx';
import { BANDS, BandsOverTimeChart } from './Charts.tsx';
import type { CalibrationResult } from './compute.ts';
import { configDifferences } from './diff.ts';
import { NumberField, WeightSlider } from './fields.tsx';
import { movedInWords } from './moved.ts';
import { createRecompute, type Recompute } from './recompute.ts';
import { rebalanceWeights } from './weights.ts';

const SUGGEST_IDLE_MS = 400;

const percent = (share: number | null) => (share === null ? '–' : `${(share * 100).toFixed(1)}%`);
const auc = (value: number | null) => (value === null ? '–' : value.toFixed(3));
const days = (value: number | null) => (value === null ? '–' : `${Math.round(value)} days`);

type Edit = (config: ModelConfig) => void;

function layerWeights(config: ModelConfig): Record<LayerId, number> {
  return Object.fromEntries(
    LAYER_IDS.map((layer) => [layer, config.layers[layer].weight]),
  ) as Record<LayerId, number>;
}

export function CalibrationView({ dataGeneration }: { readonly dataGeneration: number }) {
  const model = useModel();
  const { config, setConfig, undo, redo } = model;
  const [result, setResult] = useState<CalibrationResult | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [invalid, setInvalid] = useState<string | null>(null);
  const [ready, setReady] = useState(false);
  const [latestRequest, setLatestRequest] = useState(0);
  const [shownRequest, setShownRequest] = useState(0);
  const [drawn, setDrawn] = useState(0);
  const recompute = useRef<Recompute | null>(null);
  const root = useRef<HTMLElement>(null);

  // The worker lives as long as the view.
  useEffect(() => {
    const worker = createRecompute((id, next) => {
      setResult(next);
      setShownRequest(id);
      setFailure(null);
    }, setFailure);
    recompute.current = worker;
    return () => worker.dispose();
  }, []);

  useEffect(() => {
    let current = true;
    setReady(false);
    void api.getSnapshots({ every: 'month' }).then((answer) => {
      if (!current || recompute.current === null) return;
      if (!answer.ok) {
        setFailure(answer.error.message);
        return;
      }
      recompute.current.setMatrix(answer.value.matrix);
      setReady(true);
    });
    return () => {
      current = false;
    };
  }, [dataGeneration]);

  const reference = model.savedVersion?.config ?? DEFAULT_MODEL;
  useEffect(() => {
    if (ready) recompute.current?.setReference(reference);
  }, [ready, reference]);

  // Each change is recomputed at once without the fit; the fit follows when edits pause.
  useEffect(() => {
    if (!ready || recompute.current === null) return;
    setLatestRequest(recompute.current.request(config, false));
    const idle = setTimeout(() => {
      if (recompute.current) setLatestRequest(recompute.current.request(config, true));
    }, SUGGEST_IDLE_MS);
    return () => clearTimeout(idle);
  }, [ready, config, reference]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (root.current?.closest('[hidden]')) return;
      if (!(event.ctrlKey || event.metaKey) || event.key.toLowerCase() !== 'z') return;
      const target = event.target as HTMLElement | null;
      if (target?.tagName === 'INPUT' && (target as HTMLInputElement).type === 'text') return;
      event.preventDefault();
      if (event.shiftKey) redo();
      else undo();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, redo]);

  const edit = useCallback(
    (change: Edit, coalesce?: string) => {
      const next = structuredClone(config);
      change(next);
      const parsed = parseModelConfig(next);
      if (!parsed.ok) {
        setInvalid(parsed.errors[0] ?? 'The change makes an invalid model.');
        return;
      }
      setInvalid(null);
      setConfig(parsed.config, coalesce === undefined ? {} : { coalesce });
    },
    [config, setConfig],
  );

  // Rebalancing starts from the weights before this slider began to move, so a drag
  // (or a run of arrow keys) lands where a single jump to the same value would.
  const anchor = useRef<{
    layer: LayerId;
    weights: Record<LayerId, number>;
    after: ModelConfig;
  } | null>(null);
  const moveLayer = (layer: LayerId, value: number) => {
    if (
      anchor.current === null ||
      anchor.current.layer !== layer ||
      anchor.current.after !== config
    ) {
      anchor.current = { layer, weights: layerWeights(config), after: config };
    }
    const weights = rebalanceWeights(anchor.current.weights, layer, value);
    const next = structuredClone(config);
    for (const id of LAYER_IDS) next.layers[id].weight = weights[id];
    anchor.current.after = next;
    setConfig(next, { coalesce: `layer:${layer}` });
  };

  const onDrawn = useCallback(() => setDrawn(shownRequest), [shownRequest]);
  const pending = latestRequest !== shownRequest;
  const warnings = guardrails(config, { backtested: true });
  const compared = model.versions.find((version) => version.id === model.compareWith) ?? null;

  return (
    <section
      ref={root}
      className="calibration-view"
      data-testid="calibration-view"
      data-pending={pending || !ready ? 'true' : 'false'}
      data-drawn={drawn}
      data-shown={shownRequest}
    >
      <header className="cal-toolbar">
        <div>
          <h2>Calibration</h2>
          <p className="muted">
            Every change rescores the whole history and backtests it against real churn.
          </p>
        </div>
        <div className="cal-toolbar-end">
          <span className="cal-status" data-testid="recompute-status">
            {!ready
              ? 'Loading history…'
              : pending
                ? 'Recomputing…'
                : result
                  ? `Recomputed in ${Math.round(result.elapsedMs)} ms`
                  : ''}
          </span>
          <button
            type="button"
            className="button"
            onClick={undo}
            disabled={!model.canUndo}
            title="Undo (Ctrl+Z)"
          >
            Undo
          </button>
          <button
            type="button"
            className="button"
            onClick={redo}
            disabled={!model.canRedo}
            title="Redo (Shift+Ctrl+Z)"
          >
            Redo
          </button>
          <SaveVersion />
        </div>
      </header>
      {failure ? <p className="cal-error">The recompute failed: {failure}</p> : null}
      {invalid ? (
        <p className="cal-error" data-testid="invalid-edit">
          Not applied: {invalid}
        </p>
      ) : null}
      <div className="cal-grid">
        <div className="cal-controls">
          <div className="cal-card">
            <h3>Layer weights</h3>
            <p className="muted small">
              Always 100 in all; moving one shares the rest in proportion.
            </p>
            {LAYER_IDS.map((layer) => (
              <WeightSlider
                key={layer}
                id={`layer-${layer}`}
                label={LAYERS[layer].label}
                value={config.layers[layer].weight}
                onChange={(value) => moveLayer(layer, value)}
              />
            ))}
          </div>
          <SignalsCard config={config} edit={edit} />
          <BandsCard config={config} edit={edit} />
        </div>
        <div className="cal-results">
          {warnings.length > 0 ? (
            <ul className="cal-warnings" data-testid="guardrails">
              {warnings.map((warning) => (
                <li key={warning.id}>{warning.message}</li>
              ))}
            </ul>
          ) : null}
          {result ? (
            <>
              <HeadlineTiles headline={result.headline} />
              <div className="cal-card">
                <h3>Bands now</h3>
                <BandsNow result={result} />
                <h3 className="cal-subhead">Bands over time</h3>
                <BandsOverTimeChart result={result} onDrawn={onDrawn} />
              </div>
              <div className="cal-card" data-testid="what-moved">
                <h3>
                  What moved against{' '}
                  {model.savedVersion ? `“${model.savedVersion.name}”` : 'the default model'}
                </h3>
                {result.moved ? (
                  <ul className="cal-moved">
                    {movedInWords(result.moved).map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                  </ul>
                ) : (
                  <p className="muted">Scoring the reference model…</p>
                )}
                <ul className="cal-diff">
                  {configDifferences(reference, config).map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              </div>
              <SuggestionCard result={result} config={config} edit={edit} pending={pending} />
            </>
          ) : (
            <div className="cal-card muted">Scoring the history…</div>
          )}
          <VersionsCard current={result?.headline ?? null} compared={compared} />
        </div>
      </div>
    </section>
  );
}

function SignalsCard({
  config,
  edit,
}: {
  readonly config: ModelConfig;
  readonly edit: (change: Edit, coalesce?: string) => void;
}) {
  return (
    <div className="cal-card">
      <h3>Signals</h3>
      <p className="muted small">
        Weights within each layer; a switched-off signal does not count.
      </p>
      {LAYER_IDS.map((layer) => (
        <div key={layer} className="cal-layer-signals">
          <h4>{LAYERS[layer].label}</h4>
          {signalsOfLayer(layer).map((signal) => {
            const setting = config.signals[signal];
            return (
              <div key={signal} className="cal-signal">
                <label className="cal-switch">
                  <input
                    type="checkbox"
                    checked={setting.enabled}
                    data-testid={`signal-${signal}-enabled`}
                    onChange={(event) =>
                      edit((next) => {
                        next.signals[signal].enabled = event.target.checked;
                      })
                    }
                  />
                  <span />
                </label>
                <WeightSlider
                  id={`signal-${signal}`}
                  label={SIGNALS[signal].label}
                  value={setting.weight}
                  disabled={!setting.enabled}
                  onChange={(value) =>
                    edit((next) => {
                      next.signals[signal].weight = value;
                    }, `signal:${signal}`)
                  }
                />
              </div>
            );
          })}
        </div>
      ))}
    </div>
  );
}

const LADDERS = [
  'license_utilization',
  'feature_adoption_depth',
  'login_frequency',
  'workflow_completion',
] as const;

function BandsCard({
  config,
  edit,
}: {
  readonly config: ModelConfig;
  readonly edit: (change: Edit, coalesce?: string) => void;
}) {
  const trend = config.bands.usage_trend;
  return (
    <div className="cal-card">
      <h3>Bands and overrides</h3>
      <h4>RAG thresholds</h4>
      <div className="cal-fields">
        <NumberField
          label="Green from"
          value={config.rag.greenFrom}
          min={0}
          max={100}
          onCommit={(value) => edit((next) => void (next.rag.greenFrom = value))}
        />
        <NumberField
          label="Yellow from"
          value={config.rag.yellowFrom}
          min={0}
          max={100}
          onCommit={(value) => edit((next) => void (next.rag.yellowFrom = value))}
        />
      </div>
      <h4>Usage trend (change over 14 days)</h4>
      <div className="cal-fields">
        <NumberField
          label="Expanding above"
          suffix="%"
          value={trend.expandingAbove}
          onCommit={(value) => edit((next) => void (next.bands.usage_trend.expandingAbove = value))}
        />
        <NumberField
          label="Stable from"
          suffix="%"
          value={trend.stableFrom}
          onCommit={(value) => edit((next) => void (next.bands.usage_trend.stableFrom = value))}
        />
        <NumberField
          label="Declining from"
          suffix="%"
          value={trend.decliningFrom}
          onCommit={(value) => edit((next) => void (next.bands.usage_trend.decliningFrom = value))}
        />
      </div>
      <div className="cal-fields">
        {(['expanding', 'stable', 'declining', 'critical', 'dead'] as const).map((band) => (
          <NumberField
            key={band}
            label={`${band[0]!.toUpperCase()}${band.slice(1)} pts`}
            value={trend.points[band]}
            min={0}
            max={100}
            onCommit={(value) => edit((next) => void (next.bands.usage_trend.points[band] = value))}
          />
        ))}
      </div>
      {LADDERS.map((signal) => (
        <div key={signal}>
          <h4>{SIGNALS[signal].label}</h4>
          <div className="cal-fields">
            {config.bands[signal].tiers.map((tier, index) => (
              <NumberField
                key={`edge-${index}`}
                label={`≥ (${tier.points} pts)`}
                suffix="%"
                value={tier.atLeast}
                onCommit={(value) =>
                  edit((next) => void (next.bands[signal].tiers[index]!.atLeast = value))
                }
              />
            ))}
            {config.bands[signal].tiers.map((tier, index) => (
              <NumberField
                key={`points-${index}`}
                label={`Tier ${index + 1} pts`}
                value={tier.points}
                min={0}
                max={100}
                onCommit={(value) =>
                  edit((next) => void (next.bands[signal].tiers[index]!.points = value))
                }
              />
            ))}
            <NumberField
              label="Otherwise pts"
              value={config.bands[signal].otherwise}
              min={0}
              max={100}
              onCommit={(value) => edit((next) => void (next.bands[signal].otherwise = value))}
            />
          </div>
        </div>
      ))}
      <h4>Overrides</h4>
      <div className="cal-fields">
        <NumberField
          label="Champion left: cap"
          value={config.overrides.championDeparted.cap}
          min={0}
          max={100}
          onCommit={(value) => edit((next) => void (next.overrides.championDeparted.cap = value))}
        />
        <NumberField
          label="Escalation: cap"
          value={config.overrides.activeEscalation.cap}
          min={0}
          max={100}
          onCommit={(value) => edit((next) => void (next.overrides.activeEscalation.cap = value))}
        />
        <NumberField
          label="Zero usage: score"
          value={config.overrides.zeroUsage.score}
          min={0}
          max={100}
          onCommit={(value) => edit((next) => void (next.overrides.zeroUsage.score = value))}
        />
        <NumberField
          label="Renewal window"
          suffix="days"
          value={config.overrides.renewalRisk.windowDays}
          min={0}
          onCommit={(value) => edit((next) => void (next.overrides.renewalRisk.windowDays = value))}
        />
        <NumberField
          label="Renewal: score below"
          value={config.overrides.renewalRisk.scoreBelow}
          min={0}
          max={100}
          onCommit={(value) => edit((next) => void (next.overrides.renewalRisk.scoreBelow = value))}
        />
      </div>
    </div>
  );
}

function HeadlineTiles({ headline }: { readonly headline: BacktestHeadline }) {
  const tiles: { id: string; label: string; value: string; raw: number | null }[] = [
    { id: 'auc', label: 'ROC AUC', value: auc(headline.auc), raw: headline.auc },
    {
      id: 'churn-red',
      label: 'Churn rate, red',
      value: percent(headline.bands.red.churnRate),
      raw: headline.bands.red.churnRate,
    },
    {
      id: 'churn-yellow',
      label: 'Churn rate, yellow',
      value: percent(headline.bands.yellow.churnRate),
      raw: headline.bands.yellow.churnRate,
    },
    {
      id: 'churn-green',
      label: 'Churn rate, green',
      value: percent(headline.bands.green.churnRate),
      raw: headline.bands.green.churnRate,
    },
    {
      id: 'green-renewed',
      label: 'Green renewed',
      value: percent(headline.greenRenewed),
      raw: headline.greenRenewed,
    },
    {
      id: 'red-precision',
      label: 'Red precision',
      value: percent(headline.redPrecision),
      raw: headline.redPrecision,
    },
    {
      id: 'red-recall',
      label: 'Red recall',
      value: percent(headline.redRecall),
      raw: headline.redRecall,
    },
    {
      id: 'lead',
      label: 'Median lead time',
      value: days(headline.medianLeadDays),
      raw: headline.medianLeadDays,
    },
  ];
  return (
    <div className="cal-tiles">
      {tiles.map((tile) => (
        <div
          key={tile.id}
          className={`cal-tile${tile.id === 'auc' ? ' cal-tile-main' : ''}`}
          data-testid={`headline-${tile.id}`}
          data-value={tile.raw ?? ''}
        >
          <span>{tile.label}</span>
          <strong className="numeric">{tile.value}</strong>
        </div>
      ))}
      <p className="muted small cal-tiles-note">
        {headline.rows.toLocaleString('en-US')} scored snapshot rows over{' '}
        {headline.labelledSnapshots} labelled month ends; churn within {headline.horizonDays} days.
      </p>
    </div>
  );
}

function BandsNow({ result }: { readonly result: CalibrationResult }) {
  const total = result.latest.red + result.latest.yellow + result.latest.green;
  return (
    <div className="cal-bands-now">
      <div className="cal-stack">
        {BANDS.map((band) => (
          <span
            key={band.key}
            style={{ flexGrow: result.latest[band.key], background: band.colour }}
          />
        ))}
      </div>
      <div className="cal-stack-legend">
        {BANDS.map((band) => (
          <span
            key={band.key}
            data-testid={`latest-${band.key}`}
            data-count={result.latest[band.key]}
          >
            <i style={{ background: band.colour }} />
            {band.label}{' '}
            <b className="numeric">{result.latest[band.key].toLocaleString('en-US')}</b>
            <em>{total > 0 ? `${Math.round((100 * result.latest[band.key]) / total)}%` : ''}</em>
          </span>
        ))}
        {result.latest.unscored > 0 ? (
          <span className="muted">Unscored {result.latest.unscored}</span>
        ) : null}
      </div>
    </div>
  );
}

function SuggestionCard({
  result,
  config,
  edit,
  pending,
}: {
  readonly result: CalibrationResult;
  readonly config: ModelConfig;
  readonly edit: (change: Edit) => void;
  readonly pending: boolean;
}) {
  const [kept, setKept] = useState(result.suggestion);
  useEffect(() => {
    if (result.suggestion !== null) setKept(result.suggestion);
  }, [result.suggestion]);
  if (kept === null) {
    return (
      <div className="cal-card">
        <h3>Suggested weights</h3>
        <p className="muted">Fitting once you pause…</p>
      </div>
    );
  }
  const apply = () =>
    edit((next) => {
      for (const row of kept.layers) {
        if (row.suggestedWeight !== null)
          next.layers[row.layer as LayerId].weight = row.suggestedWeight;
      }
    });
  return (
    <div className="cal-card" data-testid="suggestion">
      <h3>Suggested weights {pending ? <span className="muted small">refitting…</span> : null}</h3>
      {kept.fitted ? (
        <>
          <table className="cal-table">
            <thead>
              <tr>
                <th>Layer</th>
                <th className="numeric">Current</th>
                <th className="numeric">Suggested</th>
              </tr>
            </thead>
            <tbody>
              {kept.layers.map((row) => (
                <tr key={row.layer}>
                  <td>{LAYERS[row.layer as LayerId]?.label ?? row.layer}</td>
                  <td className="numeric">
                    {config.layers[row.layer as LayerId]?.weight ?? row.currentWeight}
                  </td>
                  <td className="numeric">{row.suggestedWeight ?? '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="small">
            Held-out AUC (later {kept.testAsOf.length} snapshots): current{' '}
            {auc(kept.heldOutAuc.current)} → suggested <b>{auc(kept.heldOutAuc.suggested)}</b>
          </p>
          <button
            type="button"
            className="button button-primary"
            onClick={apply}
            data-testid="apply-suggestion"
          >
            Apply suggested weights
          </button>
        </>
      ) : (
        <p className="muted">No suggestion: {kept.reason?.replaceAll('_', ' ')}.</p>
      )}
    </div>
  );
}

function SaveVersion() {
  const model = useModel();
  const [name, setName] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const save = async () => {
    setSaving(true);
    const error = await model.saveVersion(name);
    setSaving(false);
    setMessage(error ? error.message : null);
    if (!error) setName('');
  };
  return (
    <form
      className="cal-save"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <input
        type="text"
        placeholder="Version name"
        value={name}
        onChange={(event) => setName(event.target.value)}
        data-testid="version-name"
        aria-label="Version name"
      />
      <button
        type="submit"
        className="button button-primary"
        disabled={saving || name.trim() === ''}
        data-testid="save-version"
      >
        Save version
      </button>
      {message ? <span className="cal-error-inline">{message}</span> : null}
    </form>
  );
}

function HeadlineColumn({ headline }: { readonly headline: BacktestHeadline | null }) {
  if (headline === null)
    return (
      <td colSpan={1} className="muted">
        –
      </td>
    );
  return null;
}

const HEADLINE_ROWS: { label: string; read: (headline: BacktestHeadline) => string }[] = [
  { label: 'ROC AUC', read: (h) => auc(h.auc) },
  { label: 'Churn rate, red', read: (h) => percent(h.bands.red.churnRate) },
  { label: 'Churn rate, yellow', read: (h) => percent(h.bands.yellow.churnRate) },
  { label: 'Churn rate, green', read: (h) => percent(h.bands.green.churnRate) },
  { label: 'Green renewed', read: (h) => percent(h.greenRenewed) },
  { label: 'Red precision', read: (h) => percent(h.redPrecision) },
  { label: 'Red recall', read: (h) => percent(h.redRecall) },
  { label: 'Median lead time', read: (h) => days(h.medianLeadDays) },
];

function VersionsCard({
  current,
  compared,
}: {
  readonly current: BacktestHeadline | null;
  readonly compared: ModelVersion | null;
}) {
  const model = useModel();
  const differences = useMemo(
    () => (compared === null ? [] : configDifferences(compared.config, model.config)),
    [compared, model.config],
  );
  return (
    <div className="cal-card" data-testid="versions">
      <h3>Model versions</h3>
      {model.versions.length === 0 ? (
        <p className="muted">No saved version yet. Save the model to compare with it later.</p>
      ) : (
        <table className="cal-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Took effect</th>
              <th className="numeric">AUC</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {model.versions.map((version) => (
              <tr
                key={version.id}
                data-version={version.name}
                className={version.id === model.compareWith ? 'cal-row-active' : ''}
              >
                <td>
                  {version.name}
                  {version.id === model.savedVersion?.id ? (
                    <span className="chip">current base</span>
                  ) : null}
                </td>
                <td>{version.createdAt.slice(0, 10)}</td>
                <td className="numeric">{auc(version.headline?.auc ?? null)}</td>
                <td className="cal-actions">
                  <button
                    type="button"
                    className="link-button"
                    data-testid="compare-version"
                    onClick={() =>
                      model.setCompareWith(version.id === model.compareWith ? null : version.id)
                    }
                  >
                    {version.id === model.compareWith ? 'Stop comparing' : 'Compare'}
                  </button>
                  <button
                    type="button"
                    className="link-button"
                    data-testid="restore-version"
                    onClick={() => model.restoreVersion(version.id)}
                  >
                    Restore
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {compared ? (
        <div className="cal-compare" data-testid="comparison">
          <h4>“{compared.name}” → the model being edited</h4>
          {differences.length === 0 ? (
            <p className="muted" data-testid="no-differences">
              The two models score alike.
            </p>
          ) : (
            <ul className="cal-diff" data-testid="differences">
              {differences.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          )}
          <table className="cal-table">
            <thead>
              <tr>
                <th />
                <th className="numeric">{compared.name}</th>
                <th className="numeric">Being edited</th>
              </tr>
            </thead>
            <tbody>
              {HEADLINE_ROWS.map((row) => (
                <tr key={row.label}>
                  <td>{row.label}</td>
                  {compared.headline ? (
                    <td className="numeric">{row.read(compared.headline)}</td>
                  ) : (
                    <HeadlineColumn headline={null} />
                  )}
                  <td className="numeric">{current ? row.read(current) : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
