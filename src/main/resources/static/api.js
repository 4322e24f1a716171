// Talking to the service: reads are open; writes carry the API token, which is asked for once, kept in this
// browser's localStorage, asked for again when the service refuses it, and forgotten on request.

export const API = 'api/v1';
const TOKEN_KEY = 'ledmatrix.apiToken';

export function storedToken() {
  return localStorage.getItem(TOKEN_KEY);
}

export function forgetToken() {
  localStorage.removeItem(TOKEN_KEY);
}

function askToken(question) {
  const answer = window.prompt(question);
  const token = answer ? answer.trim() : '';
  if (!token) return null;
  localStorage.setItem(TOKEN_KEY, token);
  return token;
}

async function readJson(res) {
  const text = await res.text();
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

/** The words of an RFC 9457 problem answer. */
function problemText(body, res) {
  if (body && typeof body === 'object') {
    const fields = Array.isArray(body.errors) ? body.errors.map((e) => `${e.field}: ${e.message}`) : [];
    return body.detail || fields.join('; ') || body.title || `HTTP ${res.status}`;
  }
  return `HTTP ${res.status}`;
}

/** GET as JSON, or null when the service cannot be reached or says no. */
export async function read(path) {
  try {
    const res = await fetch(`${API}${path}`);
    return res.ok ? await res.json() : null;
  } catch {
    return null;
  }
}

/**
 * A write with the bearer token, asking for the token when there is none and once more when it is refused.
 * Resolves to {ok: true, data} with the answer's JSON (or {}), or {ok: false, status, problem, message} where
 * `problem` is the RFC 9457 body (with `errors: [{field, message}]` for a 400) and `message` its words;
 * `onToken` hears when a token is stored or dropped.
 */
export async function exchange(method, path, body, onToken) {
  for (let attempt = 0; attempt < 2; attempt++) {
    const token = attempt === 0
      ? storedToken() || askToken('API token (the file api-token in the service\'s data directory):')
      : askToken('That token was not accepted. API token:');
    onToken();
    if (!token) return { ok: false, status: 0, problem: null, message: 'Not sent: changes need the API token.' };
    const headers = { Authorization: `Bearer ${token}` };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let res;
    try {
      res = await fetch(`${API}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (e) {
      return { ok: false, status: 0, problem: null, message: `Could not reach the service: ${e.message}` };
    }
    if (res.status === 401 || res.status === 403) {
      forgetToken();
      onToken();
      continue;
    }
    const data = await readJson(res);
    if (!res.ok) return { ok: false, status: res.status, problem: data, message: problemText(data, res) };
    return { ok: true, status: res.status, data: data || {} };
  }
  return { ok: false, status: 401, problem: null, message: 'Not sent: the token was not accepted.' };
}

/** Like exchange, but resolves to the answer's JSON (or {}), or to null after telling `say` what went wrong. */
export async function send(method, path, body, say, onToken) {
  const result = await exchange(method, path, body, onToken);
  if (!result.ok) {
    say(result.message, 'error');
    return null;
  }
  return result.data;
}
