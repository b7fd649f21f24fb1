import type { ApiError } from '../../../core/api.ts';

/** A failed request: what the user can fix, or a bug to report, with the issues it names. */
export function ErrorBanner({ error, what }: { error: ApiError; what: string }) {
  return (
    <div className={`banner banner-${error.kind}`} role="alert">
      <strong>{what}</strong> {error.message}
      {error.kind === 'bug' ? (
        <span className="muted"> (this is a bug; the log has details)</span>
      ) : null}
      {error.issues && error.issues.length > 0 ? (
        <ul>
          {error.issues.slice(0, 10).map((issue, index) => (
            <li key={index}>
              {issue.file}
              {issue.row === null ? '' : `, row ${issue.row}`}
              {issue.column === null ? '' : `, column ${issue.column}`}: {issue.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
