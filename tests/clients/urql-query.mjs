// @urql/core as an application uses it: createClient with its defaults but the URL, the key and its standard exchanges
// (urql 6 sends queries by GET while they fit in a URL), one query with variables. Environment: SERVER (base URL), API_KEY, QUERY, VARIABLES (JSON).
// Prints JSON: {"methods": the HTTP methods urql used, "data"}; exits non-zero on an error.

import { cacheExchange, createClient, fetchExchange } from '@urql/core';

// Observed, not changed: which method urql chose is the point of the test.
const methods = [];
const fetchOfNode = globalThis.fetch;
globalThis.fetch = (input, init) => {
  methods.push(init?.method ?? 'GET');
  return fetchOfNode(input, init);
};

const client = createClient({
  url: `${process.env.SERVER}/graphql`,
  fetchOptions: { headers: { Authorization: `Bearer ${process.env.API_KEY}` } },
  exchanges: [cacheExchange, fetchExchange], // urql's documented setup; since urql 4 there is no default
});
const result = await client.query(process.env.QUERY, JSON.parse(process.env.VARIABLES ?? '{}')).toPromise();
if (result.error) {
  console.error(JSON.stringify({ methods, error: result.error.message, response: result.error.response?.status }));
  process.exit(1);
}

console.log(JSON.stringify({ methods, data: result.data }));
