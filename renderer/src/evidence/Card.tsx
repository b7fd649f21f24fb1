import type { ReactNode } from 'react';

interface CardProps {
  readonly title: string;
  /** The plain-language sentence under the title. */
  readonly caption?: string | undefined;
  readonly wide?: boolean;
  readonly children: ReactNode;
}

/** One figure of an evidence view: a title, the sentence a leader reads, the chart or table. */
export function Card({ title, caption, wide, children }: CardProps) {
  return (
    <section className={`evidence-card${wide ? ' evidence-card-wide' : ''}`}>
      <h3>{title}</h3>
      {caption ? <p className="evidence-caption">{caption}</p> : null}
      {children}
    </section>
  );
}
