// Draws one panel's result by its kind. Every figure also sits in a cell marked data-value (its raw value), so tests
// and screen readers read the numbers a chart draws.

import { resolve } from './model.js';
import { format, formatChange, raw, NONE } from './format.js';

const el = (tag, props = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
};

const COLOURS = ['#2563eb', '#16a34a', '#d97706', '#9333ea', '#dc2626', '#0891b2'];

export function render(body, panel, data, context) {
  body.replaceChildren();
  switch (panel.kind) {
    case 'kpi': return renderKpi(body, panel, resolve(data, panel.data));
    case 'table': return renderTable(body, panel, rowsOf(data, panel), context);
    default: return renderChart(body, panel, rowsOf(data, panel));
  }
}

function rowsOf(data, panel) {
  const rows = resolve(data, panel.data);
  return Array.isArray(rows) ? rows : [];
}

function renderKpi(body, panel, object) {
  const tiles = el('div', { className: 'tiles' });
  for (const value of panel.values) {
    const current = resolve(object, value.field);
    const tile = el('div', { className: 'tile' });
    tile.dataset.field = value.field;
    const figure = el('div', { className: 'figure', textContent: format(current, value.format) });
    figure.dataset.value = raw(current);
    figure.dataset.field = value.field;
    tile.append(el('div', { className: 'tile-title', textContent: value.title }), figure);
    if (value.margin) {
      const margin = resolve(object, value.margin);
      if (typeof margin === 'number') {
        const m = el('div', { className: 'margin', textContent: `± ${format(margin, value.format === 'percent' ? 'percent' : 'score')}` });
        m.dataset.margin = raw(margin);
        m.title = '95% margin of error';
        tile.append(m);
      }
    }
    if (value.previous) {
      const previous = resolve(object, value.previous);
      const change = formatChange(current, previous, value.format);
      const line = el('div', { className: `change ${change?.direction ?? 'none'}` });
      line.dataset.previous = raw(previous);
      line.textContent = change ? `${change.text} vs previous (${format(previous, value.format)})` : `no previous figure`;
      tile.append(line);
    }
    tiles.append(tile);
  }
  body.append(tiles);
}

function dataTable(panel, rows, { caption, select, onSelect, actions, onAction } = {}) {
  const columns = panel.kind === 'table' ? panel.values : [{ field: panel.label, title: 'Label', format: 'text' }, ...panel.values];
  const table = el('table', { className: 'data' });
  if (caption) table.append(el('caption', { className: 'visually-hidden', textContent: caption }));
  const head = el('tr');
  const numeric = (column) => ['integer', 'number', 'percent', 'score', 'currency', 'days'].includes(column.format);
  for (const column of columns) head.append(el('th', { scope: 'col', textContent: column.title, className: numeric(column) ? 'num' : '' }));
  if (select) head.append(el('th', { scope: 'col', textContent: 'Details' }));
  if (actions) head.append(el('th', { scope: 'col', textContent: 'Actions' }));
  table.append(el('thead', {}, head));
  const tbody = el('tbody');
  rows.forEach((row, i) => {
    const tr = el('tr');
    tr.dataset.row = String(i);
    for (const column of columns) {
      const value = resolve(row, column.field);
      const cell = el('td', { textContent: format(value, column.format) });
      cell.dataset.field = column.field;
      cell.dataset.value = raw(value);
      if (typeof value === 'number') cell.className = 'num';
      tr.append(cell);
    }
    if (select) {
      const id = resolve(row, select.field);
      const name = resolve(row, columns[0].field) ?? id;
      const button = el('button', { type: 'button', className: 'link', textContent: 'Timeline' });
      button.setAttribute('aria-label', `Show ${name}`);
      button.dataset.select = raw(id);
      button.addEventListener('click', () => onSelect(select.variable, id));
      tr.append(el('td', {}, button));
    }
    if (actions) tr.append(actionCell(actions, row, onAction));
    tbody.append(tr);
  });
  table.append(tbody);
  return table;
}

// A row's buttons (and note): each runs the panel's mutation with the row's id, its value and the note.
function actionCell(actions, row, onAction) {
  const id = resolve(row, actions.field);
  const cell = el('td', { className: 'row-actions' });
  cell.dataset.actionsFor = raw(id);
  const note = actions.note ? el('input', { type: 'text', className: 'note', placeholder: 'Note (optional)' }) : null;
  if (note) note.setAttribute('aria-label', 'Note');
  const error = el('span', { className: 'error' });
  error.setAttribute('role', 'alert');
  const buttons = actions.buttons.map((b) => {
    const button = el('button', { type: 'button', textContent: b.title });
    button.dataset.action = b.value;
    button.addEventListener('click', async () => {
      buttons.forEach((x) => { x.disabled = true; });
      error.textContent = '';
      const variables = { id, value: b.value };
      if (note) variables.note = note.value.trim() || null;
      try {
        await onAction(variables);
      } catch (e) {
        error.textContent = e.message;
        buttons.forEach((x) => { x.disabled = false; });
      }
    });
    return button;
  });
  cell.append(...[note, ...buttons, error].filter(Boolean));
  return cell;
}

// A chart's figures as a table for screen readers (and tests); a table grows to its content, so its box is clipped.
function hiddenTable(panel, rows) {
  return el('div', { className: 'visually-hidden' }, dataTable(panel, rows, { caption: panel.title }));
}

function renderTable(body, panel, rows, context) {
  if (panel.export) {
    const button = el('button', { type: 'button', className: 'export', textContent: 'Download CSV' });
    button.setAttribute('aria-label', `Download ${panel.title} as CSV`);
    button.addEventListener('click', () => context.onExport(panel, button));
    body.append(el('div', { className: 'actions' }, button));
  }
  if (rows.length === 0) {
    body.append(el('p', { className: 'empty', textContent: 'Nothing in this window.' }));
    return;
  }
  const actions = panel.actions && context.mayAct(panel.actions.role) ? panel.actions : null;
  body.append(el('div', { className: 'scroll' }, dataTable(panel, rows, { select: panel.select, onSelect: context.onSelect, actions, onAction: context.onAction })));
  body.append(el('p', { className: 'count', textContent: `${rows.length} ${rows.length === 1 ? 'row' : 'rows'}` }));
}

const answers = (row) => (typeof row?.responses === 'number' ? ` (${format(row.responses, 'integer')} answers)` : '');

function renderChart(body, panel, rows) {
  if (rows.length === 0) {
    body.append(el('p', { className: 'empty', textContent: 'Nothing in this window.' }));
    body.append(hiddenTable(panel, rows));
    return;
  }
  const labels = rows.map((row) => {
    const label = resolve(row, panel.label);
    return label === null ? '(none)' : String(label);
  });
  const datasets = [];
  panel.values.forEach((value, i) => {
    const colour = COLOURS[i % COLOURS.length];
    const values = rows.map((row) => resolve(row, value.field));
    if (panel.kind === 'line' && value.margin) {
      // The band: lower edge, then upper edge filled down to it.
      const margins = rows.map((row) => resolve(row, value.margin));
      const edge = (sign) => values.map((v, j) => (typeof v === 'number' && typeof margins[j] === 'number' ? v + sign * margins[j] : null));
      datasets.push({ label: `${value.title} − margin`, data: edge(-1), borderWidth: 0, pointRadius: 0, fill: false, band: true });
      datasets.push({ label: `${value.title} + margin`, data: edge(1), borderWidth: 0, pointRadius: 0, fill: '-1', backgroundColor: `${colour}26`, band: true });
    }
    datasets.push({ label: value.title, data: values, borderColor: colour, backgroundColor: panel.kind === 'line' ? colour : `${colour}cc`, spanGaps: true, format: value.format });
  });

  const canvas = el('canvas', { role: 'img' });
  canvas.setAttribute('aria-label', `${panel.title}: chart; the figures follow in a table`);
  body.append(el('div', { className: `chart ${panel.kind}` }, canvas));
  body.append(hiddenTable(panel, rows));
  // A redraw replaces the panel's body: the charts of canvases no longer on the page are destroyed, or Chart.js would
  // keep each one (and its listeners) for the life of the tab.
  // eslint-disable-next-line no-undef
  Object.values(Chart.instances).filter((chart) => !chart.canvas.isConnected).forEach((chart) => chart.destroy());
  // eslint-disable-next-line no-undef
  new Chart(canvas, {
    type: panel.kind === 'line' ? 'line' : 'bar',
    data: { labels, datasets },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      indexAxis: panel.kind === 'funnel' ? 'y' : 'x',
      plugins: {
        legend: { display: panel.values.length > 1, labels: { filter: (item, chart) => !chart.datasets[item.datasetIndex].band } },
        // A point of a survey trend says how many answers it rests on (a score from few answers reads differently).
        tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${c.raw === null ? NONE : format(c.raw, c.dataset.format ?? 'number')}${answers(rows[c.dataIndex])}` } },
      },
      scales: { x: { ticks: { autoSkip: true, maxRotation: 0 } } },
    },
  });
}
