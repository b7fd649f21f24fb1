export interface TabSpec<Id extends string> {
  readonly id: Id;
  readonly label: string;
  /** Views still to come are shown, marked as such. */
  readonly comingSoon?: boolean;
}

interface TabsProps<Id extends string> {
  readonly tabs: readonly TabSpec<Id>[];
  readonly active: Id;
  readonly onChange: (id: Id) => void;
}

export function Tabs<Id extends string>({ tabs, active, onChange }: TabsProps<Id>) {
  return (
    <nav className="tabs" role="tablist" aria-label="Views">
      {tabs.map((tab) => (
        <button
          key={tab.id}
          type="button"
          role="tab"
          id={`tab-${tab.id}`}
          aria-selected={tab.id === active}
          aria-controls={`view-${tab.id}`}
          className={`tab${tab.id === active ? ' tab-active' : ''}${tab.comingSoon ? ' tab-soon' : ''}`}
          onClick={() => onChange(tab.id)}
        >
          {tab.label}
        </button>
      ))}
    </nav>
  );
}
