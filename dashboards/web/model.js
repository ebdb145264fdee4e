// The dashboard format's rules on the client, kept in step with src/Reports/Dashboards (DataPath, DashboardVariables).

const STEP = /([A-Za-z_][A-Za-z0-9_]*)((?:\[\d+\])*)/g;

/** The value a dotted path (`funnel.stages[1].accounts`) leads to, or null when a step is missing. */
export function resolve(root, path) {
  if (!path) return root ?? null;
  let current = root;
  for (const [, field, indexes] of path.matchAll(STEP)) {
    if (current === null || typeof current !== 'object' || Array.isArray(current) || !(field in current)) return null;
    current = current[field];
    for (const [, i] of indexes.matchAll(/\[(\d+)\]/g)) {
      if (!Array.isArray(current) || Number(i) >= current.length) return null;
      current = current[Number(i)];
    }
  }
  return current ?? null;
}

export const TREND_WEEKS = 12;

const day = (date) => date.toISOString().slice(0, 10);
const parseDay = (text) => new Date(`${text}T00:00:00Z`);
const addDays = (text, n) => { const d = parseDay(text); d.setUTCDate(d.getUTCDate() + n); return day(d); };

export function isDay(text) {
  return typeof text === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(parseDay(text).getTime());
}

/** The default window: the 28 days before today (UTC), today excluded. */
export function defaultWindow(now = new Date()) {
  const to = day(now);
  return { from: addDays(to, -28), to };
}

/** The filter variables of [from, to) (dashboards/README.md), as DashboardVariables.For gives them. */
export function filterVariables(from, to, targetList) {
  const days = Math.round((parseDay(to) - parseDay(from)) / 86400000);
  return {
    from, to,
    previousFrom: addDays(from, -days),
    previousTo: from,
    trendFrom: addDays(to, -7 * TREND_WEEKS),
    targetList: targetList || null,
  };
}

/** The variables an operation declares: `$from: Date!` gives from. */
export function declaredVariables(query) {
  const head = query.slice(0, query.indexOf('{'));
  return [...head.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)\s*:/g)].map((m) => m[1]);
}

/** The variables a panel's query gets: those it declares from the state, its fixed variables merged over them. */
export function panelVariables(panel, state) {
  const fixed = panel.variables ? JSON.parse(panel.variables) : {};
  const result = {};
  for (const name of declaredVariables(panel.query)) {
    if (name in fixed) result[name] = fixed[name];
    else if (state[name] !== undefined && state[name] !== '') result[name] = state[name];
    else result[name] = null;
  }
  return { ...result, ...fixed };
}

/** The declared variables with no value that a drill-down gives: the panel waits for a row to be chosen. */
export function missingSelection(panel, dashboard, variables) {
  const selected = new Set(dashboard.panels.map((p) => p.select?.variable).filter(Boolean));
  return declaredVariables(panel.query).find((name) => selected.has(name) && variables[name] == null) ?? null;
}
