// GraphiQL at /graphql: signs in with an API key kept for this tab (the dashboards' key, api.js), then runs GraphiQL
// with a fetcher that sends every request with that key. React, ReactDOM and GraphiQL are globals of the vendored UMD
// builds loaded before this module.

import { key, me, ApiError } from '/api.js';

const $ = (id) => document.getElementById(id);

const WELCOME = `# The ABM analytics GraphQL API. Press the run button (or Ctrl-Enter).
# Date ranges are [from, to): from included, to excluded. The schema is in the documentation explorer.
{
  display {
    currencySymbol
    locale
  }
}
`;

let root = null;

async function fetcher(params) {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', Authorization: `Bearer ${key.get() ?? ''}` },
    body: JSON.stringify(params),
  });
  if (response.status === 401) {
    key.clear();
    showSignIn('The API key is not known any more; sign in again.');
  }
  return response.json();
}

function showSignIn(message = '') {
  $('sign-in').hidden = false;
  $('graphiql').hidden = true;
  $('who').hidden = true;
  $('sign-in-error').textContent = message;
  $('api-key').focus();
}

async function start() {
  if (!key.get()) return showSignIn();
  let identity;
  try {
    identity = await me();
  } catch (e) {
    if (e instanceof ApiError && (e.status === 401 || e.status === 403)) key.clear();
    return showSignIn(e.message);
  }
  $('sign-in').hidden = true;
  $('who').hidden = false;
  $('who-name').textContent = `Signed in (${(identity.roles ?? []).join(', ')})`;
  $('graphiql').hidden = false;
  root ??= ReactDOM.createRoot($('graphiql'));
  root.render(React.createElement(GraphiQL, { fetcher, defaultQuery: WELCOME }));
}

$('sign-in').addEventListener('submit', async (event) => {
  event.preventDefault();
  const value = $('api-key').value.trim();
  if (value) key.set(value);
  $('api-key').value = '';
  await start();
});

$('sign-out').addEventListener('click', () => {
  key.clear();
  showSignIn();
});

start();
