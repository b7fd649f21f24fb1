import type { ReactNode } from 'react';
import type { WorkspaceSummary } from '../../../core/api.ts';

interface HeaderProps {
  readonly summary: WorkspaceSummary | null;
  readonly tabs: ReactNode;
  /** Which model the views score with. */
  readonly model: ReactNode;
  readonly asOf: ReactNode;
}

/** The title, the views, the active model, the open workspace and the as-of date. */
export function Header({ summary, tabs, model, asOf }: HeaderProps) {
  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          <span />
          <span />
          <span />
        </span>
        <h1>Health Score Workbench</h1>
      </div>
      {tabs}
      <div className="header-end">
        {model}
        {summary === null ? null : (
          <div className="workspace" title="The open workspace">
            <span className="workspace-label" data-testid="workspace-label">
              {summary.label}
            </span>
            <span className="workspace-meta">
              {summary.isSample ? 'sample data · ' : ''}
              {summary.accountCount.toLocaleString('en-US')} accounts
            </span>
          </div>
        )}
        {asOf}
      </div>
    </header>
  );
}
