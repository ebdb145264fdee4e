// The admin page of alerts (#/admin/alerts): the alert rules (never a secret or a whole URL: the API shows neither),
// each with a delete button, and the latest deliveries with their status, attempts and last error. Rules are made
// with the saveAlertRule mutation (GraphiQL, or any GraphQL client).

import { graphql } from './api.js';
import { element, when } from './admin.js';

const RULES = '{ alertRules { id name kind factor stage channel target hasSecret enabled updatedAt } }';
const DELIVERIES = '{ alertDeliveries(first: 100) { key ruleName kind accountId accountName summary detectedAt status attempts lastError deliveredAt } }';
const DELETE = 'mutation($id: ID!) { deleteAlertRule(id: $id) { id } }';

const condition = (rule) => ({
  SURGE: `surge ≥ ${rule.factor}×`,
  STAGE_ENTERED: `enters ${rule.stage}`,
  FOLLOW_UP_OPENED: 'detractor follow-up opened',
}[rule.kind] ?? rule.kind);

const head = (...titles) => element('thead', {}, element('tr', {}, ...titles.map((title) => element('th', { scope: 'col', textContent: title }))));

/** Draws the page into its section and shows it. */
export async function drawAlerts(section) {
  section.hidden = false;
  document.title = 'Alerts · ABM analytics';
  const status = element('p', { className: 'error', role: 'alert', id: 'alerts-error' });
  const rules = element('table', { id: 'alert-rules-table', className: 'data' });
  const deliveries = element('table', { id: 'alert-deliveries-table', className: 'data' });
  section.replaceChildren(
    element('div', { className: 'heading' }, element('h2', { textContent: 'Alert rules' }),
      element('p', { textContent: 'Rules are saved with the saveAlertRule mutation. Slack URLs and webhook secrets are never shown again: only the URL’s host.' })),
    status, element('div', { className: 'scroll' }, rules),
    element('div', { className: 'heading' }, element('h2', { textContent: 'Recent deliveries' })),
    element('div', { className: 'scroll' }, deliveries));
  try {
    await Promise.all([fillRules(rules, deliveries, status), fillDeliveries(deliveries)]);
  } catch (e) {
    status.textContent = e.message;
  }
}

async function fillRules(table, deliveries, status) {
  const { alertRules } = await graphql(RULES, {});
  const rows = alertRules.map((rule) => {
    const button = element('button', { type: 'button', textContent: 'Delete', className: 'revoke' });
    button.addEventListener('click', async () => {
      if (!confirm(`Delete the alert rule “${rule.name}”? Its alerts not yet delivered will not be sent.`)) return;
      button.disabled = true;
      try {
        await graphql(DELETE, { id: rule.id });
        await Promise.all([fillRules(table, deliveries, status), fillDeliveries(deliveries)]);
      } catch (e) {
        status.textContent = e.message;
        button.disabled = false;
      }
    });
    return element('tr', { dataset: { rule: rule.id } },
      ...[rule.name, condition(rule), rule.channel.toLowerCase(), rule.target, rule.hasSecret ? 'yes' : 'no', rule.enabled ? 'yes' : 'no', when(rule.updatedAt)]
        .map((text) => element('td', { textContent: text })), element('td', {}, button));
  });
  table.replaceChildren(head('Name', 'When', 'Channel', 'Target', 'Secret', 'Enabled', 'Saved', ''), element('tbody', {}, ...rows));
}

async function fillDeliveries(table) {
  const { alertDeliveries } = await graphql(DELIVERIES, {});
  const rows = alertDeliveries.map((a) => element('tr', { dataset: { alert: a.key, status: a.status } },
    ...[when(a.detectedAt), a.ruleName ?? '(deleted)', a.accountName ?? a.accountId ?? '—', a.summary, a.status.toLowerCase(), String(a.attempts), a.lastError ?? '', when(a.deliveredAt)]
      .map((text) => element('td', { textContent: text }))));
  table.replaceChildren(head('Detected', 'Rule', 'Account', 'What happened', 'Status', 'Attempts', 'Last error', 'Delivered'), element('tbody', {}, ...rows));
}
