import { playbookFor } from '../../../core/rag.ts';

/** What the band asks of the CSM: the action, the check-in cadence, and who is told by when. */
export function PlaybookCard({ ragCode }: { ragCode: number }) {
  const playbook = playbookFor(ragCode);
  if (playbook === undefined) {
    return (
      <section className="playbook playbook-unscored" data-testid="playbook">
        <h3>No playbook yet</h3>
        <p>
          The account has no data in any layer of the model at this date, so it is unscored. Check
          that its usage and activity exports include it.
        </p>
      </section>
    );
  }
  const escalation = playbook.escalation;
  return (
    <section className={`playbook playbook-${playbook.band}`} data-testid="playbook">
      <h3>
        Playbook: {playbook.label}
        <span className="playbook-meaning">{playbook.meaning}</span>
      </h3>
      <dl>
        <div>
          <dt>What to do</dt>
          <dd>{playbook.action}</dd>
        </div>
        <div>
          <dt>Check-ins</dt>
          <dd>
            {playbook.cadence} (at most {playbook.maxDaysBetweenCheckIns} days apart)
          </dd>
        </div>
        <div>
          <dt>Who is told</dt>
          <dd>
            {escalation === null
              ? 'No escalation needed'
              : `${escalation.notify}, within ${escalation.withinHours} hours`}
          </dd>
        </div>
      </dl>
    </section>
  );
}
