// Starts the Thinkeo sandbox as its own process (as n8n sees a real API) and wraps its /_sandbox/ controls.
// CommonJS on purpose: the TypeScript tests are linted with n8n's rules, which forbid process and timers.
const { spawn } = require('node:child_process');
const path = require('node:path');

const CLI = path.join(__dirname, '..', 'sandbox', 'cli.mjs');

async function startSandbox() {
	const child = spawn(process.execPath, [CLI, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	const url = await new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`sandbox did not start:\n${output}`)), 15_000);
		child.stdout.on('data', (chunk) => {
			output += chunk;
			const match = /^SANDBOX_URL=(\S+)$/m.exec(output);
			if (match) {
				clearTimeout(timer);
				resolve(match[1]);
			}
		});
		child.stderr.on('data', (chunk) => (output += chunk));
		child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}:\n${output}`)));
	});
	return new SandboxClient(url, child);
}

class SandboxClient {
	constructor(url, child) {
		this.url = url;
		this.apiUrl = `${url}/v1`;
		this.child = child;
	}

	async admin(method, route, body) {
		const response = await fetch(`${this.url}/_sandbox/${route}`, {
			method,
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		if (!response.ok) throw new Error(`sandbox ${method} ${route}: HTTP ${response.status} ${await response.text()}`);
		return await response.json();
	}

	/**
	 * The API request log, optionally filtered by exact path and method.
	 * @param {{ method?: string, path?: string }} [filter]
	 * @returns {Promise<import('./types').LoggedRequest[]>}
	 */
	async requests(filter = {}) {
		const query = new URLSearchParams(filter).toString();
		return await this.admin('GET', `requests${query ? `?${query}` : ''}`);
	}

	clearRequests() {
		return this.admin('DELETE', 'requests');
	}

	reset() {
		return this.admin('POST', 'reset');
	}

	/** @returns {Promise<import('./types').Seed>} */
	seed() {
		return this.admin('GET', 'seed');
	}

	revokeTokens(afterRequests) {
		return this.admin('POST', 'revoke-tokens', afterRequests === undefined ? undefined : { afterRequests });
	}

	/**
	 * Makes API requests fail: the next `count` (default 1) requests matching `path`/`method`, after letting `skip` of
	 * them through, get `status` with `body` (as JSON), `rawBody` (as it is) or the standard error, plus `headers`;
	 * with `location` ('foreign' or a URL) a redirect there; with `reset: true` a destroyed connection instead; with
	 * `streamBytes` a body of that many bytes, streamed (a large or endless download).
	 * @param {{ status: number, count?: number, skip?: number, path?: string, method?: string, body?: unknown, rawBody?: string, headers?: Record<string, string>, location?: string, reset?: boolean, streamBytes?: number }} spec
	 */
	fault(spec) {
		return this.admin('POST', 'faults', spec);
	}

	/**
	 * The other origin (a second listener): its URL and every request that reached it, with all its headers.
	 * A fault with `location: 'foreign'` redirects there.
	 * @returns {Promise<{ url: string, requests: Array<{ method: string, url: string, headers: Record<string, string> }> }>}
	 */
	foreign() {
		return this.admin('GET', 'foreign');
	}

	clearForeign() {
		return this.admin('DELETE', 'foreign');
	}

	clearFaults() {
		return this.admin('DELETE', 'faults');
	}

	/**
	 * Paging faults of the POST …/query endpoints: `{ignore: n}` answers the first n records whatever limit/offset
	 * say, `{cap: k}` answers at most k records a page, `{}` turns it off.
	 * @param {{ ignore?: number, cap?: number }} spec
	 */
	pagingFault(spec) {
		return this.admin('POST', 'paging', spec);
	}

	/**
	 * Adds `count` Demo Team publications, dated `createdAt` if given (one that shows up late); resolves their ids.
	 * @param {{ count: number, createdAt?: string }} spec
	 * @returns {Promise<{ ids: string[] }>}
	 */
	addPublications(spec) {
		return this.admin('POST', 'publications', spec);
	}

	/** Pads every App export with `bytes` bytes from now on (0 turns it off), for large downloads. */
	exportPadding(bytes) {
		return this.admin('POST', 'export-padding', { bytes });
	}

	/**
	 * Limits API requests to `perSecond` per token in any second, answering `status` (429 or 503) with Retry-After in
	 * seconds, as an HTTP date, a fixed number of seconds or not at all (`retryAfter`), for the `tokens` listed or for
	 * every caller, with bodies that never end (`endlessBody`) or whole; `{}` lifts the limit. Rejected requests are
	 * logged too.
	 * @param {{ perSecond?: number, status?: 429 | 503, retryAfter?: 'seconds' | 'date' | 'none' | number, tokens?: string[], endlessBody?: boolean }} spec
	 */
	rateLimit(spec) {
		return this.admin('POST', 'rate-limit', spec);
	}

	/**
	 * The rate-limit replies with an endless body sent so far, with when the client closed each (null: still open).
	 * @returns {Promise<Array<{ sentAt: number, closedAt: number | null }>>}
	 */
	async endlessReplies() {
		return (await this.admin('GET', 'rate-limit/endless-replies')).endlessReplies;
	}

	/**
	 * Makes one endpoint answer `ms` later (0 turns it off); `*` in `path` stands for one segment.
	 * @param {{ method: string, path: string, ms: number }} spec
	 */
	slow(spec) {
		return this.admin('POST', 'slow', spec);
	}

	/** Delays every API response by `ms` (0 turns it off). */
	latency(ms) {
		return this.admin('POST', 'latency', { ms });
	}

	/**
	 * Calls the API itself, e.g. to download what the node uploaded.
	 * @param {string} method
	 * @param {string} route
	 * @param {{ headers?: Record<string, string>, body?: string | Buffer }} [options]
	 */
	async api(method, route, { headers = {}, body } = {}) {
		return await fetch(`${this.apiUrl}${route}`, { method, headers, body });
	}

	async stop() {
		if (this.child.exitCode !== null) return;
		const exited = new Promise((resolve) => this.child.once('exit', resolve));
		this.child.kill('SIGTERM');
		await exited;
	}
}

module.exports = { startSandbox };
