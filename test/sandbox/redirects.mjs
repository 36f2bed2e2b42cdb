// Redirect faults: a second listener that stands for "another origin" and records every header it receives (to
// prove no credential ever reaches it), the admin routes that read it, and the Location of redirect fault rules.
import { createServer } from 'node:http';

import { ApiError, jsonReply } from './http-utils.mjs';

export const REDIRECT_STATUSES = [301, 302, 303, 307, 308];

/**
 * Starts the other origin on `host`, port 0. Resolves `{url, requests, close}`: `requests` is the live list of
 * `{method, url, headers}` it received (every header, as received), each answered 200 `{"foreignOrigin": true}`.
 */
export async function startForeignOrigin(host) {
	const requests = [];
	const server = createServer((req, res) => {
		requests.push({ method: req.method, url: req.url, headers: { ...req.headers } });
		req.resume();
		req.on('end', () => {
			const body = Buffer.from(JSON.stringify({ foreignOrigin: true }));
			res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
			res.end(body);
		});
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, host, resolve);
	});
	const url = `http://${host}:${server.address().port}`;
	async function close() {
		const closed = new Promise((resolve) => server.close(() => resolve()));
		server.closeAllConnections();
		await closed;
	}
	return { url, requests, close };
}

/** GET /_sandbox/foreign: the other origin's URL and what reached it. */
function readForeign({ store }) {
	return jsonReply({ url: store.foreign.url, requests: store.foreign.requests });
}

function clearForeign({ store }) {
	const cleared = store.foreign.requests.length;
	store.foreign.requests.length = 0;
	return jsonReply({ cleared });
}

/**
 * Checks the redirect part of a fault rule: `location` is `"foreign"` (the other origin's URL followed by the
 * faulted request's own path and query) or an absolute http(s) URL, and needs a redirect status.
 */
export function validateLocation(status, location) {
	if (location === undefined) return;
	if (!REDIRECT_STATUSES.includes(status)) {
		throw new ApiError(400, `"location" needs a redirect status: ${REDIRECT_STATUSES.join(', ')}`);
	}
	if (location !== 'foreign' && (typeof location !== 'string' || !/^https?:\/\//.test(location))) {
		throw new ApiError(400, '"location" must be "foreign" or an absolute http(s) URL');
	}
}

/** The Location header of a redirect fault for the request `rawUrl` (path and query as received). */
export function locationHeader(store, location, rawUrl) {
	return { location: location === 'foreign' ? `${store.foreign.url}${rawUrl}` : location };
}

export const redirectAdminRoutes = [
	{ method: 'GET', path: '/_sandbox/foreign', handler: readForeign },
	{ method: 'DELETE', path: '/_sandbox/foreign', handler: clearForeign },
];
