import type { ReactNode } from 'react';

interface PlaceholderProps {
  readonly title: string;
  readonly children: ReactNode;
}

/** A view that is not built yet: says what it will hold. */
export function Placeholder({ title, children }: PlaceholderProps) {
  return (
    <section className="placeholder">
      <div className="placeholder-card">
        <h2>{title}</h2>
        <p>{children}</p>
        <span className="chip">Coming soon</span>
      </div>
    </section>
  );
}
