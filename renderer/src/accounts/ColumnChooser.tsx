import { useEffect, useRef, useState } from 'react';

export interface ChoosableColumn {
  readonly id: string;
  readonly label: string;
}

interface ColumnChooserProps {
  readonly columns: readonly ChoosableColumn[];
  readonly hidden: ReadonlySet<string>;
  readonly onToggle: (id: string, visible: boolean) => void;
  readonly onReset: () => void;
}

/** A drop-down of every optional column with a checkbox to show or hide it. */
export function ColumnChooser({ columns, hidden, onToggle, onReset }: ColumnChooserProps) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (
        event instanceof KeyboardEvent
          ? event.key === 'Escape'
          : !root.current?.contains(event.target as Node)
      ) {
        setOpen(false);
      }
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);

  return (
    <div className="popover-anchor" ref={root}>
      <button
        type="button"
        className="button"
        aria-expanded={open}
        aria-haspopup="true"
        onClick={() => setOpen(!open)}
      >
        Columns
        <span className="button-badge">{columns.length - hidden.size}</span>
      </button>
      {open ? (
        <div className="popover column-chooser" role="menu" aria-label="Show or hide columns">
          <div className="popover-title">Show columns</div>
          {columns.map((column) => (
            <label key={column.id} className="check-row">
              <input
                type="checkbox"
                checked={!hidden.has(column.id)}
                onChange={(event) => onToggle(column.id, event.target.checked)}
              />
              {column.label}
            </label>
          ))}
          <button type="button" className="link-button" onClick={onReset}>
            Show all
          </button>
        </div>
      ) : null}
    </div>
  );
}
