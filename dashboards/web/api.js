// The server's API with the key kept for this browser session (sessionStorage).

const KEY = 'abm.apiKey';

export const key = {
  get: () => sessionStorage.getItem(KEY),
  set: (value) => sessionStorage.setItem(KEY, value),
  clear: () => sessionStorage.removeItem(KEY),
};

export class ApiError extends Error {
  constructor(message, status) { super(message); this.status = status; }
}

async function call(path, init = {}) {
  const response = await fetch(path, {
    ...init,
    headers: { ...(init.headers ?? {}), Authorization: `Bearer ${key.get() ?? ''}` },
  });
  if (response.status === 401) throw new ApiError('The API key is not known.', 401);
  if (response.status === 403) throw new ApiError('The API key does not have the role for this.', 403);
  return response;
}

/** The key's name and roles (GET /v1/me). */
export async function me() {
  const response = await call('/v1/me');
  if (!response.ok) throw new ApiError(`The server answered ${response.status}.`, response.status);
  return response.json();
}

/** Runs a GraphQL query; GraphQL errors come back as one ApiError with their messages. */
export async function graphql(query, variables) {
  const response = await call('/graphql', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json().catch(() => null);
  if (body?.errors?.length) throw new ApiError(body.errors.map((e) => e.message).join(' '), response.status);
  if (!response.ok || !body) throw new ApiError(`The server answered ${response.status}.`, response.status);
  return body.data;
}

/** Downloads a CSV export under the given name (the key travels in a header, so a plain link cannot do it). */
export async function download(path, parameters, fileName) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) {
    if (value !== null && value !== undefined && value !== '') query.set(name, String(value));
  }
  const response = await call(`${path}?${query}`);
  if (!response.ok) {
    const body = await response.json().catch(() => null);
    throw new ApiError(body?.error ?? `The export answered ${response.status}.`, response.status);
  }
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
