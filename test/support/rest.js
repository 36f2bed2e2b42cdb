// n8n's REST API as its editor uses it, for what only the UI can do (e.g. testing a credential): the owner account
// is set up on the fresh instance, and its session cookie signs every later call.
const { waitFor } = require('./wait');

const OWNER = { email: 'owner@thinkeo.test', firstName: 'Test', lastName: 'Owner', password: 'Owner-password-1' };
// n8n binds a session to the browser that opened it; any fixed value works for one test client.
const BROWSER_ID = 'thinkeo-e2e-browser';

/**
 * Sets up the owner of a started n8n (`n8n.start()`) and resolves `call(method, path, body)`, which sends JSON to
 * `/rest<path>` with the owner's session and resolves the answer's `data` (throws on an HTTP error).
 * @param {{ url?: string }} n8n
 */
async function ownerSession(n8n) {
	const send = async (method, path, body, cookie) => {
		const response = await fetch(`${n8n.url}/rest${path}`, {
			method,
			headers: { 'content-type': 'application/json', 'browser-id': BROWSER_ID, ...(cookie ? { cookie } : {}) },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`n8n ${method} /rest${path}: HTTP ${response.status} ${text}`);
		return { response, json: text ? JSON.parse(text) : null };
	};
	// n8n 1.x answers its readiness check before it mounts the REST API: until then, its routes are a 404.
	const { response } = await waitFor(
		async () => await send('POST', '/owner/setup', OWNER).catch((error) => (/HTTP 404/.test(error.message) ? undefined : Promise.reject(error))),
		{ timeoutMs: 120_000, intervalMs: 500, what: "n8n's REST API" },
	);
	const cookie = response.headers
		.getSetCookie()
		.map((header) => header.split(';')[0])
		.join('; ');
	return async (method, path, body) => (await send(method, path, body, cookie)).json?.data;
}

/**
 * Tests a stored Thinkeo credential as the editor's Test button does: its data as n8n shows it (secrets redacted),
 * with `changes`, through the owner's session `call`. Resolves n8n's answer, `{ status, message }`.
 * @param {(method: string, path: string, body?: unknown) => Promise<any>} call
 * @param {{ id: string, name: string }} ref @param {Record<string, unknown>} [changes]
 * @returns {Promise<{ status: string, message: string }>}
 */
async function testStoredCredential(call, ref, changes = {}) {
	const shown = await call('GET', `/credentials/${ref.id}?includeData=true`);
	return await call('POST', '/credentials/test', { credentials: { ...ref, type: 'thinkeoApi', data: { ...shown.data, ...changes } } });
}

module.exports = { ownerSession, testStoredCredential };
