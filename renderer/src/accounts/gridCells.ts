/**
 * Cell renderers of the Accounts grid, as plain DOM components: a grid scrolls
 * through thousands of rows, and React components per cell cost several times
 * what a span with text does. Colour always comes with a word or a symbol (the
 * band name, an arrow), so the grid reads without colour too.
 */
import type { ICellRendererComp, ICellRendererParams } from 'ag-grid-community';
import { formatChange, formatPercent, formatScore } from '../format.ts';
import { OVERRIDE_LABELS, RAG_LABELS } from '../labels.ts';
import type { AccountRow } from './rows.ts';

type Params = ICellRendererParams<AccountRow>;

function element(tag: string, className: string, text?: string): HTMLElement {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A cell whose content is rebuilt from its row on every refresh. */
abstract class RowCell implements ICellRendererComp<AccountRow> {
  private readonly root = element('span', 'cell');

  init(params: Params): void {
    this.render(params);
  }

  getGui(): HTMLElement {
    return this.root;
  }

  refresh(params: Params): boolean {
    this.render(params);
    return true;
  }

  private render(params: Params): void {
    this.root.replaceChildren(...(params.data ? this.content(params.data) : []));
  }

  protected abstract content(row: AccountRow): HTMLElement[];
}

/** A score in its band's colour; an unscored account says so, in grey, never red. */
export class ScoreCell extends RowCell {
  protected content(row: AccountRow): HTMLElement[] {
    const pill = element(
      'span',
      `score-pill rag-${row.rag}`,
      row.score === null ? 'Unscored' : formatScore(row.score),
    );
    pill.dataset.rag = row.rag;
    return [pill];
  }
}

export class BandCell extends RowCell {
  protected content(row: AccountRow): HTMLElement[] {
    const label = element('span', `band-label rag-${row.rag}`);
    label.append(element('span', 'band-dot'), RAG_LABELS[row.rag]);
    return [label];
  }
}

/** ↑ / ↓ / → with the 14-day change; an urgent drop is flagged in words as well as colour. */
export class VelocityCell extends RowCell {
  protected content(row: AccountRow): HTMLElement[] {
    const change = row.velocity;
    if (change === null) return [element('span', 'muted', '–')];
    const direction = change > 0 ? 'up' : change < 0 ? 'down' : 'flat';
    const arrow = change > 0 ? '↑' : change < 0 ? '↓' : '→';
    const velocity = element(
      'span',
      `velocity velocity-${direction}${row.urgentDrop ? ' velocity-urgent' : ''}`,
      `${arrow} ${formatChange(change)}`,
    );
    if (row.urgentDrop) velocity.append(element('span', 'velocity-flag', 'urgent'));
    return [velocity];
  }
}

export class CoverageCell extends RowCell {
  protected content(row: AccountRow): HTMLElement[] {
    const coverage = element('span', 'coverage');
    const bar = element('span', 'coverage-bar');
    const fill = element('span', '');
    fill.style.width = `${Math.round(row.coverage * 100)}%`;
    bar.append(fill);
    coverage.append(bar, element('span', 'coverage-value', formatPercent(row.coverage)));
    if (row.lowCoverage) coverage.append(element('span', 'chip chip-warning', 'Low coverage'));
    return [coverage];
  }
}

export class OverridesCell extends RowCell {
  protected content(row: AccountRow): HTMLElement[] {
    return row.overrides.map((name) =>
      element('span', `chip chip-override chip-${name}`, OVERRIDE_LABELS[name]),
    );
  }
}

export class RenewalRiskCell extends RowCell {
  protected content(row: AccountRow): HTMLElement[] {
    return [
      row.renewalRisk
        ? element('span', 'chip chip-danger', 'At risk')
        : element('span', 'muted', 'No'),
    ];
  }
}

export class AccountCell extends RowCell {
  protected content(row: AccountRow): HTMLElement[] {
    return [element('span', 'account-name', row.accountName ?? row.accountId)];
  }
}
