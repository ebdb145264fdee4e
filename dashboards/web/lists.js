// The admin page of target lists (#/admin/lists): every list with its kind and accounts now; for each rule list its
// rule in words, when it was saved, and its latest joins and leaves. Rules are saved through the API
// (saveTargetListRule); this page shows what they do.

import { graphql } from './api.js';

const LISTS = `{ targetLists { name kind accounts
  rule { description savedAt }
  changes(first: 20) { accountId joined at } } }`;

const element = (tag, { dataset = {}, ...properties } = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), properties);
  Object.assign(node.dataset, dataset);
  node.append(...children);
  return node;
};

const when = (iso) => (iso ? iso.replace('T', ' ').replace(/\.\d+Z$/, ' UTC') : '—');

/** Draws the page into its section and shows it. */
export async function drawLists(section) {
  section.hidden = false;
  document.title = 'Target lists · ABM analytics';
  const status = element('p', { className: 'error', role: 'alert', id: 'lists-error' });
  const body = element('div', { id: 'lists' });
  section.replaceChildren(
    element('div', { className: 'heading' }, element('h2', { textContent: 'Target lists' }),
      element('p', { textContent: 'Imported lists get their members from the target-accounts import; a rule list\u2019s members are the accounts its rule selects, recomputed on a schedule and whenever it is saved.' })),
    status, body);
  try {
    const { targetLists } = await graphql(LISTS, {});
    body.replaceChildren(summary(targetLists), ...targetLists.filter((l) => l.kind === 'RULE').map(ruleList));
  } catch (e) {
    status.textContent = e.message;
  }
}

function summary(lists) {
  const head = element('thead', {}, element('tr', {}, ...['List', 'Kind', 'Accounts now'].map((title) => element('th', { scope: 'col', textContent: title }))));
  const rows = lists.map((l) => element('tr', { dataset: { list: l.name } },
    element('td', { textContent: l.name }), element('td', { textContent: l.kind === 'RULE' ? 'rule' : 'imported' }),
    element('td', { className: 'number', textContent: l.accounts.toLocaleString('en-US') })));
  return element('div', { className: 'scroll' }, element('table', { id: 'lists-table', className: 'data' }, head, element('tbody', {}, ...rows)));
}

function ruleList(list) {
  const changes = list.changes.length === 0
    ? element('p', { className: 'empty', textContent: 'No account has joined or left it yet.' })
    : element('div', { className: 'scroll' }, element('table', { className: 'data changes' },
      element('thead', {}, element('tr', {}, ...['Account', 'Change', 'When'].map((title) => element('th', { scope: 'col', textContent: title })))),
      element('tbody', {}, ...list.changes.map((c) => element('tr', { dataset: { account: c.accountId, joined: String(c.joined) } },
        element('td', { textContent: c.accountId }), element('td', { textContent: c.joined ? 'joined' : 'left' }), element('td', { textContent: when(c.at) }))))));
  return element('section', { className: 'rule-list', dataset: { list: list.name } },
    element('h3', { textContent: list.name }),
    element('p', { className: 'rule', textContent: `Members: accounts with ${list.rule.description}.` }),
    element('p', { className: 'description', textContent: `Saved ${when(list.rule.savedAt)}; ${list.accounts.toLocaleString('en-US')} accounts now. Latest joins and leaves:` }),
    changes);
}
