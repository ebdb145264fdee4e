// The dashboard web UI: sign-in, a dashboard picker, filters kept in the URL (#/<dashboard>?from=…&to=…), and panels
// drawn from the definitions the server lists through GraphQL. Plain ES modules; no build step.

import { key, me, graphql, download, ApiError } from './api.js';
import { defaultWindow, filterVariables, isDay, panelVariables, missingSelection, declaredVariables } from './model.js';
import { render } from './panels.js';
import { configure as configureFormat } from './format.js';
import { drawKeys } from './admin.js';
import { drawLists } from './lists.js';
import { drawAlerts } from './alerts.js';

const $ = (id) => document.getElementById(id);

const DEFINITIONS = `{ dashboards { id title description role
  filters { variable title type options }
  panels { id title description kind query variables data label width export
    values { field title format previous margin } select { panel variable field }
    actions { mutation field role note buttons { value title } } } }
  targetLists { name accounts kind }
  display { currencySymbol locale } }`;

let dashboards = [];
let targetLists = [];
let roles = [];
let generation = 0;
let shown = { id: null, variables: new Map() }; // what each panel last ran with, to re-run only what changed

const mayOpen = (dashboard) => dashboard.role === 'viewer' || roles.includes('sales') || roles.includes('admin');

// ---- the URL: #/<id>?from=…&to=…&targetList=…&<filters>&<drill-down>
function readRoute() {
  const [path, query = ''] = location.hash.replace(/^#/, '').split('?');
  const id = path.replace(/^\//, '') || null;
  const params = Object.fromEntries(new URLSearchParams(query));
  const fallback = defaultWindow();
  const from = isDay(params.from) ? params.from : fallback.from;
  const to = isDay(params.to) ? params.to : fallback.to;
  return { id, params: { ...params, from, to } };
}

function writeRoute(id, params) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') query.set(name, value);
  }
  const hash = `#/${id}?${query}`;
  if (location.hash !== hash) location.hash = hash; // hashchange draws it
}

// ---- sign-in
async function signIn(event) {
  event?.preventDefault();
  const value = $('api-key').value.trim();
  if (value) key.set(value);
  await start();
}

function showSignIn(message = '') {
  $('sign-in').hidden = false;
  $('dashboard').hidden = true;
  $('picker-form').hidden = true;
  $('who').hidden = true;
  $('sign-in-error').textContent = message;
  $('api-key').focus();
}

async function start() {
  if (!key.get()) return showSignIn();
  try {
    const identity = await me();
    roles = identity.roles ?? [];
    const definitions = await graphql(DEFINITIONS, {});
    dashboards = definitions.dashboards.filter(mayOpen);
    targetLists = definitions.targetLists;
    configureFormat(definitions.display);
  } catch (e) {
    if (e instanceof ApiError && (e.status === 401 || e.status === 403)) key.clear();
    return showSignIn(e.message);
  }
  $('sign-in').hidden = true;
  $('who').hidden = false;
  $('who-name').textContent = `Signed in (${roles.join(', ')})`;
  $('admin-link').hidden = !roles.includes('admin');
  $('admin-lists-link').hidden = !roles.includes('admin');
  $('alerts-link').hidden = !roles.includes('admin');
  const picker = $('dashboard-picker');
  picker.replaceChildren(...dashboards.map((d) => Object.assign(document.createElement('option'), { value: d.id, textContent: d.title })));
  $('picker-form').hidden = dashboards.length === 0;
  await draw();
}

// ---- a dashboard
function drawFilters(dashboard, params) {
  $('filter-from').value = params.from;
  $('filter-to').value = params.to;
  drawTargetLists(params.targetList ?? '');
  // A dashboard none of whose panels take a target list (surveys, say) offers none.
  $('target-list-field').hidden = !dashboard.panels.some((p) => declaredVariables(p.query).includes('targetList'));
  const extra = $('extra-filters');
  extra.replaceChildren();
  for (const filter of dashboard.filters) {
    const id = `filter-${filter.variable}`;
    const label = Object.assign(document.createElement('label'), { htmlFor: id, textContent: filter.title });
    const value = params[filter.variable] ?? '';
    const control = Object.assign(document.createElement(filter.type === 'choice' ? 'select' : 'input'), { id, name: filter.variable });
    if (filter.type === 'choice') control.replaceChildren(...choiceOptions(filter.options.map((o) => [o, o]), value, 'Any'));
    else Object.assign(control, filter.type === 'number' ? { type: 'number', step: 'any' } : { type: 'text' });
    control.value = value;
    const field = Object.assign(document.createElement('div'), { className: 'field' });
    field.append(label, control);
    extra.append(field);
  }
}

// [value, text] pairs as options after an empty "any" one. A value chosen in a shared URL that is not among them (a list
// or an owner since gone) stays, shown as unknown, so the controls still say what the panels were asked.
function choiceOptions(choices, chosen, any) {
  const unknown = chosen && !choices.some(([value]) => value === chosen) ? [[chosen, `${chosen} (unknown)`]] : [];
  return [['', any], ...choices, ...unknown].map(([value, text]) => Object.assign(document.createElement('option'), { value, textContent: text }));
}

// The lists the server knows, with their sizes: imported ones and rule lists in a group each (a group only when it has
// a list), after "All accounts"; a chosen list the server no longer knows last, as choiceOptions keeps it.
function drawTargetLists(chosen) {
  const option = (l) => [l.name, `${l.name} (${l.accounts.toLocaleString('en-US')} accounts)`];
  const groups = [['IMPORTED', 'Imported'], ['RULE', 'Rules']]
    .map(([kind, label]) => [label, targetLists.filter((l) => l.kind === kind).map(option)])
    .filter(([, lists]) => lists.length > 0);
  const [any, ...rest] = choiceOptions(groups.flatMap(([, lists]) => lists), chosen, 'All accounts');
  const grouped = groups.map(([label, lists]) => {
    const group = Object.assign(document.createElement('optgroup'), { label });
    group.append(...rest.splice(0, lists.length));
    return group;
  });
  const picker = $('filter-targetList');
  picker.replaceChildren(any, ...grouped, ...rest);
  picker.value = chosen;
}

function onFilterChange() {
  const { id, params } = readRoute();
  const from = $('filter-from').value;
  const to = $('filter-to').value;
  if (!isDay(from) || !isDay(to) || to <= from) {
    $('filter-error').textContent = 'Choose a start day before the end day.';
    return;
  }
  $('filter-error').textContent = '';
  const next = { ...params, from, to, targetList: $('filter-targetList').value.trim() };
  for (const input of $('extra-filters').querySelectorAll('input, select')) next[input.name] = input.value.trim();
  writeRoute(id, next);
}

async function draw() {
  const { id, params } = readRoute();
  $('admin-keys').hidden = true;
  $('admin-lists').hidden = true;
  $('admin-alerts').hidden = true;
  if (id === 'admin/keys' && roles.includes('admin')) {
    $('dashboard').hidden = true;
    return drawKeys($('admin-keys'));
  }
  if (id === 'admin/lists' && roles.includes('admin')) {
    $('dashboard').hidden = true;
    return drawLists($('admin-lists'));
  }
  if (id === 'admin/alerts' && roles.includes('admin')) {
    $('dashboard').hidden = true;
    return drawAlerts($('admin-alerts'));
  }
  const dashboard = dashboards.find((d) => d.id === id);
  if (!dashboard) {
    if (dashboards.length > 0) writeRoute(dashboards[0].id, params);
    return;
  }
  $('dashboard').hidden = false;
  $('dashboard-picker').value = dashboard.id;
  $('dashboard-title').textContent = dashboard.title;
  $('dashboard-description').textContent = dashboard.description ?? '';
  document.title = `${dashboard.title} · ABM analytics`;
  drawFilters(dashboard, params);

  const current = ++generation;
  const state = { ...params, ...filterVariables(params.from, params.to, params.targetList) };
  for (const filter of dashboard.filters) {
    if (filter.type === 'number' && state[filter.variable] !== undefined && state[filter.variable] !== '') state[filter.variable] = Number(state[filter.variable]);
  }

  const grid = $('panels');
  if (shown.id !== dashboard.id) {
    grid.replaceChildren(...dashboard.panels.map(panelFrame));
    shown = { id: dashboard.id, variables: new Map() };
  }
  document.body.dataset.complete = 'false';
  const runs = dashboard.panels.map((panel) => runPanel(dashboard, panel, state, current));
  await Promise.allSettled(runs);
  if (current === generation) {
    document.body.dataset.window = `${params.from}/${params.to}`;
    document.body.dataset.targetList = params.targetList ?? '';
    for (const filter of dashboard.filters) document.body.dataset[`filter_${filter.variable}`] = params[filter.variable] ?? '';
    document.body.dataset.complete = 'true';
  }
}

function panelFrame(panel) {
  const section = document.createElement('section');
  section.className = 'panel';
  section.id = `panel-${panel.id}`;
  section.dataset.panel = panel.id;
  section.dataset.kind = panel.kind;
  section.style.setProperty('--span', String(panel.width));
  const title = Object.assign(document.createElement('h3'), { textContent: panel.title });
  section.setAttribute('aria-labelledby', (title.id = `panel-title-${panel.id}`));
  section.append(title);
  if (panel.description) section.append(Object.assign(document.createElement('p'), { className: 'description', textContent: panel.description }));
  section.append(Object.assign(document.createElement('div'), { className: 'body' }));
  return section;
}

async function runPanel(dashboard, panel, state, current) {
  const section = $(`panel-${panel.id}`);
  const body = section.querySelector('.body');
  const variables = panelVariables(panel, state);
  const signature = JSON.stringify(variables);
  if (shown.variables.get(panel.id) === signature && section.dataset.state === 'done') return;
  shown.variables.set(panel.id, signature);

  const waiting = missingSelection(panel, dashboard, variables);
  if (waiting) {
    const from = dashboard.panels.find((p) => p.select?.variable === waiting);
    body.replaceChildren(Object.assign(document.createElement('p'), { className: 'empty', textContent: `Choose a row in “${from?.title}” to see it here.` }));
    section.dataset.state = 'done';
    return;
  }

  section.dataset.state = 'loading';
  section.setAttribute('aria-busy', 'true');
  try {
    const data = await graphql(panel.query, variables);
    if (current !== generation && shown.variables.get(panel.id) !== signature) return; // a newer run owns the panel
    render(body, panel, data, {
      onSelect: (variable, value) => select(dashboard, panel, variable, value),
      onExport: (p, button) => exportCsv(dashboard, p, variables, button),
      mayAct: (role) => role === 'viewer' || roles.includes('sales') || roles.includes('admin'),
      onAction: (variables) => act(panel, variables),
    });
    section.dataset.state = 'done';
  } catch (e) {
    shown.variables.delete(panel.id);
    body.replaceChildren(Object.assign(document.createElement('p'), { className: 'error', role: 'alert', textContent: e.message }));
    section.dataset.state = 'error';
  } finally {
    section.removeAttribute('aria-busy');
  }
}

function select(dashboard, panel, variable, value) {
  const { id, params } = readRoute();
  writeRoute(id, { ...params, [variable]: value });
  $(`panel-${panel.select.panel}`)?.scrollIntoView({ behavior: 'smooth', block: 'start' });
}

// A row's button: run the panel's mutation, then draw the whole dashboard again (the row moves, the figures follow).
async function act(panel, variables) {
  await graphql(panel.actions.mutation, variables);
  shown.variables = new Map();
  await draw();
}

async function exportCsv(dashboard, panel, variables, button) {
  button.disabled = true;
  try {
    await download(panel.export, variables, `${dashboard.id}-${panel.id}-${variables.from}-${variables.to}.csv`);
  } catch (e) {
    alert(e.message);
  } finally {
    button.disabled = false;
  }
}

// ---- wiring
$('sign-in').addEventListener('submit', signIn);
$('sign-out').addEventListener('click', () => { key.clear(); dashboards = []; shown = { id: null, variables: new Map() }; showSignIn(); });
$('dashboard-picker').addEventListener('change', (e) => { const { params } = readRoute(); writeRoute(e.target.value, { from: params.from, to: params.to, targetList: params.targetList }); });
$('filters').addEventListener('change', onFilterChange);
$('filters').addEventListener('submit', (e) => { e.preventDefault(); onFilterChange(); });
window.addEventListener('hashchange', () => { if (key.get() && (dashboards.length || roles.includes('admin'))) draw(); });
start();
