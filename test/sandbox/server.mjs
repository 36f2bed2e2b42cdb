// Local fake of the Thinkeo REST API for tests. `startSandbox()` serves the API (optional /v0 or
// /v1 prefix) and the /_sandbox/ test controls on 127.0.0.1.
import { createServer } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

import { adminRoutes } from './admin.mjs';
import { authenticate, describeAuth } from './auth.mjs';
import {
	RequestBody,
	errorReply,
	jsonReply,
	queryObject,
	sendReply,
	sendStreamedReply,
	toErrorReply,
} from './http-utils.mjs';
import { rateLimitReply, sendEndlessReply, slowDelay } from './load.mjs';
import { locationHeader, startForeignOrigin } from './redirects.mjs';
import { createRouter, stripVersionPrefix } from './router.mjs';
import { apiRoutes, seeders } from './routes/index.mjs';
import { SandboxStore } from './store.mjs';

export const DEFAULT_MAX_UPLOAD_BYTES = 512 * 1024 * 1024;

const matchApi = createRouter(apiRoutes);
const matchAdmin = createRouter(adminRoutes);

function splitUrl(url) {
	const at = url.indexOf('?');
	return at < 0 ? [url, ''] : [url.slice(0, at), url.slice(at + 1)];
}

function faultReply(fault, store, rawUrl) {
	if (fault.streamBytes !== null) {
		return { status: fault.status, headers: { 'content-type': 'application/octet-stream', ...fault.headers }, streamBytes: fault.streamBytes };
	}
	if (fault.location !== null) {
		const reply = errorReply(fault.status, `Injected sandbox redirect (HTTP ${fault.status})`);
		return { ...reply, headers: { ...reply.headers, ...fault.headers, ...locationHeader(store, fault.location, rawUrl) } };
	}
	if (fault.rawBody !== null) {
		return {
			status: fault.status,
			headers: { 'content-type': 'application/json; charset=utf-8', ...fault.headers },
			body: Buffer.from(fault.rawBody),
		};
	}
	const reply =
		fault.body === null
			? errorReply(fault.status, `Injected sandbox fault (HTTP ${fault.status})`)
			: jsonReply(fault.body, fault.status);
	return { ...reply, headers: { ...reply.headers, ...fault.headers } };
}

/** Reads what the handler left of the body; a client that hung up mid-body gets that error. */
async function finishBody(body, reply) {
	try {
		await body.drain();
		return reply;
	} catch (err) {
		return toErrorReply(err);
	}
}

function logEntry({ seq, req, rawPath, path, query, auth, body, status, startedAt }) {
	const { authorization, filename } = req.headers;
	const contentType = req.headers['content-type'];
	return {
		seq,
		method: req.method,
		rawPath,
		path,
		query: queryObject(query),
		auth,
		authorization: authorization ?? null,
		headers: {
			'content-type': contentType ?? null,
			filename: filename ?? null,
			'content-length': req.headers['content-length'] ?? null,
		},
		...body.summary(contentType),
		status,
		startedAt: startedAt.toISOString(),
		durationMs: Date.now() - startedAt.getTime(),
	};
}

async function handleApi(req, res, rawPath, query, store, config) {
	const startedAt = new Date();
	const seq = ++store.requestSeq;
	const { prefix, path } = stripVersionPrefix(rawPath);
	store.countTowardsRevocation();
	const body = new RequestBody(req);
	// Described up front: the handler may revoke the very token that authenticates the request.
	const auth = describeAuth(store, req.headers.authorization);
	let principal = null;
	let reply;
	let limited = null;
	try {
		const fault = store.takeFault(req.method, path);
		if (fault?.reset) {
			// A connection reset: the client sees ECONNRESET ("socket hang up") and no answer.
			store.requests.push(logEntry({ seq, req, rawPath, path, query, auth, body, status: 0, startedAt }));
			req.socket.destroy();
			return;
		}
		limited = fault ? null : rateLimitReply(store, req.headers.authorization);
		if (fault) {
			reply = faultReply(fault, store, req.url);
		} else if (limited) {
			reply = limited;
		} else {
			const { route, params } = matchApi(req.method, path);
			principal = authenticate(store, req.headers.authorization, route.auth);
			// Attachment URLs point back at this sandbox, under the prefix the caller used.
			const apiBaseUrl = `http://${req.headers.host || config.hostPort}/${prefix ?? 'v1'}`;
			reply = await route.handler({
				req,
				store,
				config,
				query,
				params,
				principal,
				body,
				apiBaseUrl,
			});
		}
	} catch (err) {
		reply = toErrorReply(err);
	}
	reply = await finishBody(body, reply);
	if (principal?.token?.once && reply.status < 400) {
		principal.token.usedAt ??= new Date().toISOString();
	}
	const delay = store.latencyMs + (limited ? 0 : slowDelay(store, req.method, path));
	if (delay > 0) await sleep(delay);
	// Logged before the reply goes out: a test reading the log right after a response finds it.
	const entry = logEntry({ seq, req, rawPath, path, query, auth, body, status: reply.status, startedAt });
	store.requests.push(entry);
	if (reply.endless) sendEndlessReply(store, res, reply);
	else if (reply.streamBytes !== undefined) sendStreamedReply(res, reply, entry);
	else sendReply(res, reply);
}

async function handleAdmin(req, res, rawPath, query, store) {
	const body = new RequestBody(req);
	let reply;
	try {
		const { route, params } = matchAdmin(req.method, rawPath);
		reply = await route.handler({ store, query, params, body });
	} catch (err) {
		reply = toErrorReply(err);
	}
	sendReply(res, await finishBody(body, reply));
}

function isLoopback(host) {
	return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * Starts the sandbox. Resolves `{url, port, close, state}`: `url` has no trailing slash and no
 * version prefix, `state` is the live SandboxStore, `close()` also drops keep-alive connections.
 */
export async function startSandbox({
	port = 0,
	host = '127.0.0.1',
	maxUploadBytes = DEFAULT_MAX_UPLOAD_BYTES,
} = {}) {
	if (!isLoopback(host)) {
		throw new Error(`The sandbox only listens on loopback addresses, not "${host}"`);
	}
	const store = new SandboxStore(seeders);
	// Survives reset(): the other origin's listener lives as long as the sandbox.
	store.foreign = await startForeignOrigin(host);
	const config = { maxUploadBytes, hostPort: '' };

	const server = createServer((req, res) => {
		const [rawPath, search] = splitUrl(req.url);
		const query = new URLSearchParams(search);
		const handling =
			rawPath === '/_sandbox' || rawPath.startsWith('/_sandbox/')
				? handleAdmin(req, res, rawPath, query, store)
				: handleApi(req, res, rawPath, query, store, config);
		handling.catch((err) => {
			try {
				sendReply(res, toErrorReply(err));
			} catch {
				res.destroy();
			}
		});
	});

	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const actualPort = server.address().port;
	config.hostPort = `${host.includes(':') ? `[${host}]` : host}:${actualPort}`;

	async function close() {
		const closed = new Promise((resolve) => server.close(() => resolve()));
		server.closeAllConnections();
		await Promise.all([closed, store.foreign.close()]);
	}

	return { url: `http://${config.hostPort}`, port: actualPort, close, state: store };
}
