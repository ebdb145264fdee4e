// graphql-js as codegen, IDE plugins and GraphiQL use it: the standard introspection query (getIntrospectionQuery with
// its defaults) by POST, the schema built from the answer (buildClientSchema), and a dashboard query validated against it.
// Environment: SERVER (base URL), API_KEY, and QUERIES (a JSON array of documents to validate, optional).
// Prints JSON: {"status", "types", "queryFields", "validated", "invalid": [{"index", "errors"}]}; exits non-zero when
// the schema cannot be downloaded.

import { buildClientSchema, getIntrospectionQuery, parse, validate } from 'graphql';

const server = process.env.SERVER;
const response = await fetch(`${server}/graphql`, {
  method: 'POST',
  headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${process.env.API_KEY}` },
  body: JSON.stringify({ query: getIntrospectionQuery() }),
});
const body = await response.json();
if (!response.ok || body.errors) {
  console.error(JSON.stringify({ status: response.status, errors: body.errors }));
  process.exit(1);
}

const schema = buildClientSchema(body.data);
const queries = JSON.parse(process.env.QUERIES ?? '[]');
const invalid = queries
  .map((query, index) => ({ index, errors: validate(schema, parse(query)).map((e) => e.message) }))
  .filter((q) => q.errors.length > 0);
console.log(JSON.stringify({
  status: response.status,
  types: Object.keys(schema.getTypeMap()).length,
  queryFields: Object.keys(schema.getQueryType().getFields()).sort(),
  validated: queries.length,
  invalid,
}));
