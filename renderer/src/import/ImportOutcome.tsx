/**
 * How an import ended: the tables it wrote with their row counts, or every
 * rejection in a grid with the plain statement that nothing changed.
 */
import type { ApiIssue, ImportOutcome as Outcome } from '../../../core/api.ts';
import { IssueGrid } from './IssueGrid.tsx';

function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}

function Warnings({ warnings }: { readonly warnings: readonly ApiIssue[] }) {
  if (warnings.length === 0) return null;
  return (
    <details className="import-warnings">
      <summary>{plural(warnings.length, 'warning', 'warnings')}</summary>
      <IssueGrid issues={warnings} label="Import warnings" />
    </details>
  );
}

export function ImportOutcome({ outcome }: { readonly outcome: Outcome }) {
  if (outcome.ok) {
    const rows = outcome.tables.reduce((sum, table) => sum + table.rows, 0);
    return (
      <section className="import-outcome import-outcome-done" role="status">
        <h3>Imported {plural(outcome.tables.length, 'table', 'tables')}</h3>
        <p>
          The workspace now holds this dataset: {plural(rows, 'row', 'rows')} in all. Tables the
          files did not provide are empty, and their signals count as missing.
        </p>
        <table className="import-summary">
          <thead>
            <tr>
              <th scope="col">Table</th>
              <th scope="col">File</th>
              <th scope="col" className="import-number">
                Rows
              </th>
            </tr>
          </thead>
          <tbody>
            {outcome.tables.map((table) => (
              <tr key={table.table}>
                <td className="import-mono">{table.table}</td>
                <td className="import-mono import-muted">{table.file}</td>
                <td className="import-number">{table.rows.toLocaleString('en-US')}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <Warnings warnings={outcome.warnings} />
      </section>
    );
  }

  const rowIssues = outcome.errors.filter((issue) => issue.row !== null).length;
  const shown = plural(outcome.errors.length, 'problem', 'problems');
  return (
    <section className="import-outcome import-outcome-failed" role="alert">
      <h3>Import refused: {shown} found</h3>
      <p className="import-unchanged">
        Nothing was imported. The workspace was left exactly as it was before the import began.
      </p>
      <p className="import-muted">
        {rowIssues > 0
          ? `${plural(rowIssues, 'rejected row', 'rejected rows')} listed below. `
          : ''}
        {outcome.truncated
          ? 'More problems exist than are listed; fix these and import again to see the rest. '
          : ''}
        Correct the files, choose them again, and import.
      </p>
      <IssueGrid issues={outcome.errors} label="Rejected rows" />
      <Warnings warnings={outcome.warnings} />
    </section>
  );
}
