/**
 * The Import view: choose a dataset folder or files, preview how every file maps
 * to the data contract, fix the column mapping and the date order, then import.
 * The import replaces the workspace's data all at once or not at all; its
 * progress is polled, and a refusal lists every rejected row.
 */
import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import type {
  ApiError,
  DateOrder,
  ImportMapping,
  ImportOutcome as Outcome,
  ImportPreview,
  ImportProgress,
} from '../../../core/api.ts';
import { api } from '../api/client.ts';
import { readChosenFiles, type ChosenFiles } from './chosen-files.ts';
import { DateOrderChoice } from './DateOrderChoice.tsx';
import { isDateOrderIssue, undecidedDates } from './dates.ts';
import { FilePreviewCard } from './FilePreviewCard.tsx';
import { ImportOutcome } from './ImportOutcome.tsx';
import { IssueGrid } from './IssueGrid.tsx';
import { progressFraction, progressLabel } from './progress.ts';
import './import.css';

const POLL_MS = 150;

export interface ImportViewProps {
  /** Called once an import has replaced the workspace's data, so that views reload. */
  readonly onImported: () => void;
}

type Job =
  | { readonly kind: 'idle' }
  | { readonly kind: 'running'; readonly progress: ImportProgress }
  | { readonly kind: 'ended'; readonly outcome: Outcome };

const NO_RESULT: Outcome = {
  ok: false,
  errors: [
    {
      file: 'chosen files',
      row: null,
      column: null,
      value: null,
      message: 'the import ended without a result',
    },
  ],
  truncated: false,
  warnings: [],
};

function byteSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function delay(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

/** A failed operation worth showing: a user error with its issues, or a bug. */
function OperationFailure({ error }: { readonly error: ApiError }) {
  return (
    <section className="import-outcome import-outcome-failed" role="alert">
      <h3>{error.kind === 'user' ? error.message : 'The workbench failed'}</h3>
      {error.kind === 'bug' ? (
        <p>
          {error.message}. The workspace was left as it was; the details are in the workbench log.
        </p>
      ) : null}
      {error.issues !== undefined ? (
        <IssueGrid issues={error.issues} label="Problems with the request" />
      ) : null}
    </section>
  );
}

export function ImportView({ onImported }: ImportViewProps) {
  const [chosen, setChosen] = useState<ChosenFiles | null>(null);
  const [reading, setReading] = useState(false);
  const [mapping, setMapping] = useState<ImportMapping | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [dateOrder, setDateOrder] = useState<DateOrder | null>(null);
  const [job, setJob] = useState<Job>({ kind: 'idle' });
  const [failure, setFailure] = useState<ApiError | null>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const filesInput = useRef<HTMLInputElement>(null);
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  // React has no typed prop for folder picking; the attribute is set on the element.
  useEffect(() => {
    folderInput.current?.setAttribute('webkitdirectory', '');
  }, []);

  useEffect(() => {
    let current = true;
    void api.getSavedMapping().then((result) => {
      if (!current) return;
      setMapping(result.ok ? (result.value ?? {}) : {});
      if (!result.ok && result.error.kind !== 'cancelled') setFailure(result.error);
    });
    return () => {
      current = false;
    };
  }, []);

  useEffect(() => {
    if (chosen === null || mapping === null || chosen.files.length === 0) return;
    let current = true;
    setPreviewing(true);
    void api.previewImport({ files: [...chosen.files], mapping }).then((result) => {
      if (!current) return;
      setPreviewing(false);
      if (result.ok) {
        setPreview(result.value);
        setFailure(null);
      } else {
        setPreview(null);
        if (result.error.kind !== 'cancelled') setFailure(result.error);
      }
    });
    return () => {
      current = false;
    };
  }, [chosen, mapping]);

  async function choose(event: ChangeEvent<HTMLInputElement>): Promise<void> {
    const picked = [...(event.target.files ?? [])];
    // Cleared so that choosing the same folder again, after fixing a file, is seen.
    event.target.value = '';
    if (picked.length === 0) return;
    setReading(true);
    const files = await readChosenFiles(picked);
    if (!mounted.current) return;
    setReading(false);
    setChosen(files);
    setPreview(null);
    setDateOrder(null);
    setJob({ kind: 'idle' });
    setFailure(null);
  }

  async function follow(jobId: string): Promise<void> {
    for (;;) {
      await delay(POLL_MS);
      if (!mounted.current) return;
      const status = await api.importStatus({ jobId });
      if (!mounted.current) return;
      if (!status.ok) {
        setJob({ kind: 'idle' });
        setFailure(status.error);
        return;
      }
      if (status.value.state === 'running') {
        setJob({ kind: 'running', progress: status.value.progress });
        continue;
      }
      const outcome = status.value.result ?? NO_RESULT;
      setJob({ kind: 'ended', outcome });
      if (outcome.ok) onImported();
      return;
    }
  }

  async function startImport(): Promise<void> {
    if (chosen === null || mapping === null) return;
    setFailure(null);
    setJob({ kind: 'running', progress: { step: 'write', done: 0, total: chosen.files.length } });
    const started = await api.startImport({
      files: [...chosen.files],
      mapping,
      ...(dateOrder === null ? {} : { dateOrder }),
    });
    if (!mounted.current) return;
    if (!started.ok) {
      setJob({ kind: 'idle' });
      if (started.error.kind !== 'cancelled') setFailure(started.error);
      return;
    }
    await follow(started.value.jobId);
  }

  function changeMapping(next: ImportMapping): void {
    setMapping(next);
    // An outcome shown was for the mapping as it was; a new preview follows.
    setJob({ kind: 'idle' });
  }

  const running = job.kind === 'running';
  const undecided = preview === null ? [] : undecidedDates(preview);
  const blocking = (preview?.errors ?? []).filter((issue) => !isDateOrderIssue(issue, undecided));
  const needsOrder = undecided.length > 0 && dateOrder === null;
  const importedTables = preview?.files.filter((file) => file.table !== null) ?? [];
  const imported = job.kind === 'ended' && job.outcome.ok;
  const canImport =
    chosen !== null &&
    !imported &&
    preview !== null &&
    !previewing &&
    !running &&
    blocking.length === 0 &&
    !needsOrder &&
    importedTables.length > 0;

  let readiness = 'Choose a dataset folder, or its files, to see how they will be imported.';
  if (reading) readiness = 'Reading the chosen files…';
  else if (imported) readiness = 'Imported. Choose another folder or files to import again.';
  else if (chosen !== null && previewing)
    readiness = 'Checking the files against the data contract…';
  else if (chosen !== null && chosen.files.length === 0)
    readiness = 'None of the chosen files is a CSV, Parquet or NDJSON file.';
  else if (blocking.length > 0)
    readiness = `Fix ${blocking.length === 1 ? 'the problem' : `the ${blocking.length} problems`} below before importing.`;
  else if (needsOrder) readiness = 'Choose how to read the year-last dates below.';
  else if (preview !== null)
    readiness = `Ready to import ${importedTables.map((file) => file.table).join(', ')}. This replaces all data in the workspace.`;

  return (
    <div className="import-view">
      <header className="import-heading">
        <div>
          <h2>Import a dataset</h2>
          <p className="import-muted">
            A dataset is a folder of exported files, one per table (accounts and usage are
            required). Nothing is imported unless every file passes its checks.
          </p>
        </div>
        <div className="import-pickers">
          <input
            ref={folderInput}
            id="import-folder-input"
            className="import-hidden-input"
            type="file"
            multiple
            disabled={running || reading}
            onChange={(event) => void choose(event)}
          />
          <input
            ref={filesInput}
            id="import-files-input"
            className="import-hidden-input"
            type="file"
            multiple
            accept=".csv,.parquet,.ndjson,.jsonl,.json"
            disabled={running || reading}
            onChange={(event) => void choose(event)}
          />
          <button
            type="button"
            className="import-button"
            disabled={running || reading}
            onClick={() => folderInput.current?.click()}
          >
            Choose folder…
          </button>
          <button
            type="button"
            className="import-button"
            disabled={running || reading}
            onClick={() => filesInput.current?.click()}
          >
            Choose files…
          </button>
        </div>
      </header>

      <section className="import-panel import-action" aria-label="Import">
        <div className="import-action-row">
          <div className="import-chosen">
            {chosen === null ? (
              <span className="import-muted">No files chosen</span>
            ) : (
              <>
                <span className="import-chosen-name">
                  {chosen.folder ?? chosen.files.map((file) => file.name).join(', ')}
                </span>
                <span className="import-muted">
                  {chosen.files.length} {chosen.files.length === 1 ? 'file' : 'files'} ·{' '}
                  {byteSize(chosen.totalBytes)}
                  {chosen.skipped.length > 0 ? ` · ${chosen.skipped.length} left out` : ''}
                </span>
              </>
            )}
            <span className="import-readiness">{readiness}</span>
          </div>
          <button
            type="button"
            className="import-button import-button-primary"
            disabled={!canImport}
            onClick={() => void startImport()}
          >
            {running ? 'Importing…' : 'Import'}
          </button>
        </div>
        {chosen !== null && chosen.skipped.length > 0 ? (
          <p className="import-skipped import-muted">
            Left out: {chosen.skipped.map((file) => `${file.name} (${file.reason})`).join(', ')}
          </p>
        ) : null}
        {job.kind === 'running' ? (
          <div className="import-progress">
            <div
              className="import-progress-track"
              role="progressbar"
              aria-label="Import progress"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={Math.round(progressFraction(job.progress) * 100)}
            >
              <div
                className="import-progress-bar"
                style={{ width: `${Math.round(progressFraction(job.progress) * 100)}%` }}
              />
            </div>
            <span className="import-muted">{progressLabel(job.progress)}</span>
          </div>
        ) : null}
      </section>

      {failure !== null ? <OperationFailure error={failure} /> : null}
      {job.kind === 'ended' ? <ImportOutcome outcome={job.outcome} /> : null}

      {undecided.length > 0 ? (
        <DateOrderChoice
          columns={undecided}
          value={dateOrder}
          disabled={running}
          onChange={setDateOrder}
        />
      ) : null}

      {blocking.length > 0 ? (
        <section className="import-panel" aria-labelledby="import-problems-title">
          <header className="import-panel-header">
            <h3 id="import-problems-title">Problems to fix before importing</h3>
            <p>Correct the files or the column mapping below; the preview updates as you go.</p>
          </header>
          <IssueGrid issues={blocking} label="Problems to fix before importing" />
        </section>
      ) : null}

      {preview !== null && mapping !== null ? (
        <section aria-labelledby="import-files-title">
          <div className="import-section-title">
            <h3 id="import-files-title">Files and column mapping</h3>
            <span className="import-muted">
              {previewing
                ? 'Updating…'
                : 'Pick the file column for each contract column; the mapping is saved with the workspace by the import.'}
            </span>
          </div>
          <div className="import-files">
            {preview.files.map((file) => (
              <FilePreviewCard
                key={file.file}
                preview={file}
                blocking={blocking}
                mapping={mapping}
                disabled={running}
                onMappingChange={changeMapping}
              />
            ))}
          </div>
          {preview.warnings.length > 0 ? (
            <details className="import-warnings">
              <summary>
                {preview.warnings.length} {preview.warnings.length === 1 ? 'warning' : 'warnings'}
              </summary>
              <IssueGrid issues={preview.warnings} label="Preview warnings" />
            </details>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
