/**
 * The workbench shell: a header with the views, the active model and the as-of
 * date, and the active view below. Views stay mounted once opened, so switching
 * tabs keeps their state (the grid's sort, filters, selection and scroll). Every
 * view scores with the one model of the shared model state, the config being
 * edited in Calibration.
 */
import { useCallback, useRef, useState } from 'react';
import { AccountsView } from './accounts/AccountsView.tsx';
import { CalibrationView } from './calibration/CalibrationView.tsx';
import { EvidenceViews } from './evidence/EvidenceViews.tsx';
import { useSettledConfig, useUpdateCost } from './data/useSettledConfig.ts';
import { useAsOfScores, useHistoryScores, useWorkspaceSummary } from './data/useWorkbenchData.ts';
import { AccountDetail } from './detail/AccountDetail.tsx';
import { AsOfPicker } from './shell/AsOfPicker.tsx';
import { ErrorBanner } from './shell/ErrorBanner.tsx';
import { Header } from './shell/Header.tsx';
import { ImportView } from './import/ImportView.tsx';
import { ModelProvider, useModel } from './model/ModelContext.tsx';
import { ModelBadge } from './shell/ModelBadge.tsx';
import { Placeholder } from './shell/Placeholder.tsx';
import { Tabs, type TabSpec } from './shell/Tabs.tsx';

type TabId = 'accounts' | 'import' | 'calibration' | 'backtest' | 'drift';

const TABS: readonly TabSpec<TabId>[] = [
  { id: 'accounts', label: 'Accounts' },
  { id: 'import', label: 'Import' },
  { id: 'calibration', label: 'Calibration' },
  { id: 'backtest', label: 'Backtest' },
  { id: 'drift', label: 'Drift' },
];

/** Up to this many accounts the history (every month end) is small enough to fetch up front. */
const PREFETCH_HISTORY_ACCOUNTS = 5_000;

export function App() {
  return (
    <ModelProvider>
      <Workbench />
    </ModelProvider>
  );
}

function Workbench() {
  // The start of the render, for timing the rescorings this render may bring.
  const renderStarted = performance.now();
  const model = useModel();
  const workspace = useWorkspaceSummary();
  const summary = workspace.value;
  const reloadWorkspace = workspace.reload;
  const [tab, setTab] = useState<TabId>('accounts');
  const [opened, setOpened] = useState<ReadonlySet<TabId>>(new Set(['accounts']));
  const [chosenAsOf, setChosenAsOf] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  // Counts imports: every view asks for its data again after one.
  const [dataGeneration, setDataGeneration] = useState(0);
  // What the last rescoring cost decides whether the next one waits for the edits to pause.
  const rescoringCost = useRef(0);
  const scoring = useSettledConfig(model.config, rescoringCost.current, tab === 'accounts');

  const hasData = summary !== null && summary.dataStart !== null && summary.dataEnd !== null;
  const asOf = hasData ? (chosenAsOf ?? summary.dataEnd) : null;
  const scores = useAsOfScores(asOf, scoring.config, dataGeneration);
  // A small workspace's history is fetched at once; a large one's when an account is opened.
  const historyWanted =
    hasData && (summary.accountCount <= PREFETCH_HISTORY_ACCOUNTS || selected !== null);
  const [historyRequested, setHistoryRequested] = useState(false);
  if (historyWanted && !historyRequested) setHistoryRequested(true);
  const history = useHistoryScores(
    historyRequested,
    selected === null ? null : scoring.config,
    dataGeneration,
  );
  useUpdateCost([scores.value, history.value], renderStarted, rescoringCost);
  // The config the rows on screen were scored with, so that their notes and thresholds agree.
  const shownConfig = scores.value?.config ?? scoring.config;

  const openTab = (id: TabId) => {
    setTab(id);
    if (!opened.has(id)) setOpened(new Set([...opened, id]));
  };
  const closeDetail = useCallback(() => setSelected(null), []);
  const onImported = useCallback(() => {
    // The new data has its own range; its last day is the natural date to look at.
    setChosenAsOf(null);
    setDataGeneration((generation) => generation + 1);
    reloadWorkspace();
  }, [reloadWorkspace]);

  const picker =
    hasData && asOf !== null ? (
      <AsOfPicker
        value={asOf}
        min={summary.dataStart as string}
        max={summary.dataEnd as string}
        onChange={setChosenAsOf}
      />
    ) : null;

  return (
    <div className="app">
      <Header
        summary={summary}
        tabs={<Tabs tabs={TABS} active={tab} onChange={openTab} />}
        model={<ModelBadge />}
        asOf={picker}
      />
      {workspace.error ? (
        <ErrorBanner what="The workspace could not be read." error={workspace.error} />
      ) : null}
      {scores.error ? (
        <ErrorBanner what="The accounts could not be scored." error={scores.error} />
      ) : null}
      <main className="views">
        <div
          id="view-accounts"
          role="tabpanel"
          aria-labelledby="tab-accounts"
          className="view"
          hidden={tab !== 'accounts'}
        >
          {summary !== null && !hasData ? (
            <Placeholder title="No data in this workspace yet">
              Import a dataset in the Import view: at least accounts and usage. The accounts are
              scored as soon as it is in.
            </Placeholder>
          ) : (
            <div className={`accounts-layout${selected === null ? '' : ' with-detail'}`}>
              <AccountsView
                config={shownConfig}
                scores={scores.value}
                rescoring={(scores.loading || scoring.settling) && scores.value !== null}
                selectedAccountId={selected}
                onSelect={setSelected}
              />
              {selected !== null && scores.value !== null ? (
                <AccountDetail
                  accountId={selected}
                  scores={scores.value}
                  history={history.value}
                  historyError={history.error?.message ?? null}
                  versions={model.versions}
                  onClose={closeDetail}
                />
              ) : null}
            </div>
          )}
        </div>
        {opened.has('import') ? (
          <div
            id="view-import"
            role="tabpanel"
            aria-labelledby="tab-import"
            className="view"
            hidden={tab !== 'import'}
          >
            <ImportView onImported={onImported} />
          </div>
        ) : null}
        {opened.has('calibration') ? (
          <div
            id="view-calibration"
            role="tabpanel"
            aria-labelledby="tab-calibration"
            className="view"
            hidden={tab !== 'calibration'}
          >
            <CalibrationView dataGeneration={dataGeneration} />
          </div>
        ) : null}
        <EvidenceViews
          active={tab === 'backtest' || tab === 'drift' ? tab : null}
          opened={{ backtest: opened.has('backtest'), drift: opened.has('drift') }}
          workspaceLabel={summary?.label ?? null}
          generation={dataGeneration}
        />
      </main>
    </div>
  );
}
