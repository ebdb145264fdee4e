// The admin page of API keys (#/admin/keys): every key with its roles and last use, a form that creates one (its secret
// shown once), and a revoke button for the keys created here. Configured keys are listed, changed in configuration.

import { graphql } from './api.js';

const ROLES = ['ingest', 'viewer', 'sales', 'admin'];
const LIST = '{ apiKeys { id name roles source createdAt createdBy lastUsedAt revokedAt } }';
const CREATE = 'mutation($name: String!, $roles: [String!]!) { createApiKey(name: $name, roles: $roles) { key { id name } secret } }';
const REVOKE = 'mutation($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }';

/** A DOM element with properties, data attributes and children (the admin pages draw with it). */
export const element = (tag, { dataset = {}, ...properties } = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), properties);
  Object.assign(node.dataset, dataset);
  node.append(...children);
  return node;
};

/** An ISO-8601 UTC time as the admin pages show it; a dash for none. */
export const when = (iso) => (iso ? iso.replace('T', ' ').replace(/\.\d+Z$/, ' UTC') : '—');

/** Draws the page into its section and shows it. */
export async function drawKeys(section) {
  section.hidden = false;
  document.title = 'API keys · ABM analytics';
  const status = element('p', { className: 'error', role: 'alert', id: 'keys-error' });
  const secret = element('div', { id: 'new-key', className: 'new-key', hidden: true });
  const table = element('table', { id: 'keys-table', className: 'data' });
  section.replaceChildren(
    element('div', { className: 'heading' }, element('h2', { textContent: 'API keys' }),
      element('p', { textContent: 'Keys created here work on every server within seconds; a revoked key is refused everywhere as soon. A secret is shown once, when its key is made.' })),
    createForm(section, secret, status), secret, status, element('div', { className: 'scroll' }, table));
  await fillTable(table, section, status);
}

function createForm(section, secret, status) {
  const name = element('input', { id: 'key-name', name: 'name', required: true, maxLength: 100 });
  const boxes = ROLES.map((role) => element('label', { className: 'role' },
    element('input', { type: 'checkbox', name: 'role', value: role, checked: role === 'viewer' }), ` ${role}`));
  const form = element('form', { id: 'create-key', className: 'filters' },
    element('div', { className: 'field' }, element('label', { htmlFor: 'key-name', textContent: 'Name' }), name),
    element('fieldset', { className: 'field' }, element('legend', { textContent: 'Roles' }), ...boxes),
    element('button', { type: 'submit', textContent: 'Create key' }));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    status.textContent = '';
    const roles = [...form.querySelectorAll('input[name=role]:checked')].map((box) => box.value);
    try {
      const { createApiKey } = await graphql(CREATE, { name: name.value.trim(), roles });
      secret.replaceChildren(
        element('p', { textContent: `Key “${createApiKey.key.name}” (${createApiKey.key.id}) created. Copy its secret now: it will not be shown again.` }),
        element('code', { id: 'new-key-secret', textContent: createApiKey.secret }));
      secret.hidden = false;
      form.reset();
      await fillTable(section.querySelector('#keys-table'), section, status);
    } catch (e) {
      status.textContent = e.message;
    }
  });
  return form;
}

async function fillTable(table, section, status) {
  const { apiKeys } = await graphql(LIST, {});
  const head = element('thead', {}, element('tr', {}, ...['Name', 'Id', 'Roles', 'Source', 'Created', 'Last used', 'Revoked', '']
    .map((title) => element('th', { scope: 'col', textContent: title }))));
  const rows = apiKeys.map((k) => {
    const action = element('td');
    if (k.source === 'MANAGED' && !k.revokedAt) {
      const button = element('button', { type: 'button', textContent: 'Revoke', className: 'revoke' });
      button.addEventListener('click', async () => {
        if (!confirm(`Revoke the key “${k.name}”? Requests with it will be refused within seconds.`)) return;
        button.disabled = true;
        try {
          await graphql(REVOKE, { id: k.id });
          await fillTable(table, section, status);
        } catch (e) {
          status.textContent = e.message;
          button.disabled = false;
        }
      });
      action.append(button);
    }
    const created = k.source === 'CONFIGURATION' ? 'configuration' : `${when(k.createdAt)} by ${k.createdBy}`;
    return element('tr', { dataset: { key: k.id } },
      ...[k.name, k.id, k.roles.join(', '), k.source.toLowerCase(), created, when(k.lastUsedAt), when(k.revokedAt)]
        .map((text) => element('td', { textContent: text })), action);
  });
  table.replaceChildren(head, element('tbody', {}, ...rows));
}
