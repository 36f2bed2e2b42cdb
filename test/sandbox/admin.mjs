// Test controls under /_sandbox/ (no auth, not logged, never delayed or faulted).
import { validateHeaderName, validateHeaderValue } from 'node:http';

import { ApiError, isPlainObject, jsonReply, readJsonObject } from './http-utils.mjs';
import { redirectAdminRoutes, validateLocation } from './redirects.mjs';
import { stripVersionPrefix } from './router.mjs';
import { loadAdminRoutes } from './load.mjs';
import { pagingFaultRoutes } from './paging-faults.mjs';
import { addDemoPublications } from './routes/publications.mjs';
import { ACCOUNTS, APPS, DEMO_TEAM, TEAMS } from './seed.mjs';
import { logEvent } from './team-data.mjs';

function listRequests({ store, query }) {
	const path = query.has('path') ? stripVersionPrefix(query.get('path')).path : null;
	const method = query.get('method')?.toUpperCase();
	const entries = store.requests
		.filter((entry) => (!path || entry.path === path) && (!method || entry.method === method))
		.sort((a, b) => a.seq - b.seq);
	return jsonReply(entries);
}

function clearRequests({ store }) {
	const cleared = store.requests.length;
	store.requests = [];
	return jsonReply({ cleared });
}

function reset({ store }) {
	store.reset();
	store.foreign.requests.length = 0;
	return jsonReply({ reset: true });
}

/** Applies `change` to every token it concerns and reports how many. */
function updateTokens(store, concerns, change) {
	const tokens = [...store.tokens.values()].filter(concerns);
	for (const token of tokens) change(token);
	return tokens.length;
}

/** Revokes every token now, or with `{afterRequests: n}` once n more API requests have arrived (mid-run). */
async function revokeTokens({ store, body }) {
	const { afterRequests } = await readJsonObject(body).catch(() => ({}));
	if (afterRequests !== undefined) {
		if (!Number.isInteger(afterRequests) || afterRequests < 0) {
			throw new ApiError(400, '"afterRequests" must be a non-negative integer');
		}
		store.revokeAfterRequests = afterRequests;
		return jsonReply({ scheduled: afterRequests });
	}
	return jsonReply({ revoked: store.revokeAllTokens() });
}

/** The seeded fixtures, and the ids of every record collection (in creation order), for tests to refer to. */
function seed({ store }) {
	const collections = Object.fromEntries([...store.collections].map(([name, records]) => [name, [...records.keys()]]));
	return jsonReply({ accounts: ACCOUNTS, teams: TEAMS, apps: APPS, collections });
}

// POST /tokens refuses a past expiration, so tests reach the "expired" path through this control.
function expireTokens({ store }) {
	const now = Date.now();
	const expired = updateTokens(
		store,
		(token) => !token.expiration || Date.parse(token.expiration) > now,
		(token) => (token.expiration = new Date(now - 1000).toISOString()),
	);
	return jsonReply({ expired });
}

/**
 * `{count}` more Demo Team publications, e.g. 10,000 for a Return All benchmark; with `createdAt` (ISO 8601) they
 * are dated then, e.g. before ones already listed (a record that shows up late).
 */
async function addPublications({ store, body }) {
	const { count, createdAt } = await readJsonObject(body);
	if (!Number.isInteger(count) || count < 1 || count > 100_000) {
		throw new ApiError(400, '"count" must be an integer from 1 to 100000');
	}
	if (createdAt !== undefined && (typeof createdAt !== 'string' || Number.isNaN(Date.parse(createdAt)))) {
		throw new ApiError(400, '"createdAt" must be an ISO 8601 date');
	}
	const date = createdAt === undefined ? undefined : new Date(createdAt).toISOString();
	const { ids, demoTeamPublications } = addDemoPublications(store, count, date);
	return jsonReply({ added: count, ids, demoTeamPublications });
}

/**
 * One Demo Team log entry `{action?, createdAt?, id?}`, dated `createdAt` (ISO 8601, e.g. hours ahead of the clock)
 * and with `id` as given (e.g. a number) instead of a new UUID.
 */
async function addLogEntry({ store, body }) {
	const { action = 'member.invite', createdAt = new Date().toISOString(), id } = await readJsonObject(body);
	if (typeof action !== 'string' || typeof createdAt !== 'string') throw new ApiError(400, '"action" and "createdAt" must be strings');
	if (id !== undefined && typeof id !== 'string' && !Number.isFinite(id)) throw new ApiError(400, '"id" must be a string or a number');
	const entry = logEvent(store, DEMO_TEAM.id, null, action, null, null, createdAt);
	if (id !== undefined) entry.id = id;
	return jsonReply(entry);
}

/** `{bytes}` of padding in every App export from now on (0 turns it off), e.g. 100 MB for a streamed download. */
async function setExportPadding({ store, body }) {
	const { bytes } = await readJsonObject(body);
	if (!Number.isInteger(bytes) || bytes < 0 || bytes > 512 * 1024 * 1024) {
		throw new ApiError(400, '"bytes" must be an integer from 0 to 536870912');
	}
	store.exportPaddingBytes = bytes;
	return jsonReply({ bytes });
}

function listFaults({ store }) {
	return jsonReply({ faults: store.faults });
}

/** Checked here so a bad header fails this call instead of the faulted request later. */
function validateHeaders(headers) {
	if (!isPlainObject(headers)) throw new ApiError(400, '"headers" must be an object');
	for (const [name, value] of Object.entries(headers)) {
		try {
			validateHeaderName(name);
			validateHeaderValue(name, value);
		} catch (err) {
			throw new ApiError(400, `Invalid fault header "${name}": ${err.message}`);
		}
	}
}

async function addFault({ store, body }) {
	const spec = await readJsonObject(body);
	const { status, count = 1, skip = 0, path, method, body: replyBody, rawBody, headers, location, reset = false, streamBytes } = spec;
	// 2xx is allowed too, for replies that succeed with a broken body (`rawBody`, e.g. malformed JSON).
	if (!Number.isInteger(status) || status < 200 || status > 599) {
		throw new ApiError(400, '"status" must be an integer HTTP status (200-599)');
	}
	if (!Number.isInteger(count) || count < 1) {
		throw new ApiError(400, '"count" must be a positive integer');
	}
	if (!Number.isInteger(skip) || skip < 0) {
		throw new ApiError(400, '"skip" must be a non-negative integer');
	}
	for (const [name, value] of Object.entries({ path, method, rawBody })) {
		if (value !== undefined && typeof value !== 'string') {
			throw new ApiError(400, `"${name}" must be a string`);
		}
	}
	if (replyBody !== undefined && rawBody !== undefined) {
		throw new ApiError(400, 'Give "body" (sent as JSON) or "rawBody" (sent as it is), not both');
	}
	if (headers !== undefined) validateHeaders(headers);
	validateLocation(status, location);
	if (typeof reset !== 'boolean') throw new ApiError(400, '"reset" must be true or false');
	if (streamBytes !== undefined) {
		if (!Number.isSafeInteger(streamBytes) || streamBytes < 1) throw new ApiError(400, '"streamBytes" must be a positive integer');
		if ([replyBody, rawBody, location].some((value) => value !== undefined) || reset) {
			throw new ApiError(400, '"streamBytes" is the body: give no "body", "rawBody", "location" or "reset" with it');
		}
	}
	store.faults.push({
		status,
		remaining: count,
		skip,
		path: path === undefined ? null : stripVersionPrefix(path).path,
		method: method?.toUpperCase() ?? null,
		body: replyBody ?? null,
		rawBody: rawBody ?? null,
		headers: headers ?? {},
		location: location ?? null,
		reset,
		streamBytes: streamBytes ?? null,
	});
	return jsonReply({ faults: store.faults });
}

function clearFaults({ store }) {
	const cleared = store.faults.length;
	store.faults = [];
	return jsonReply({ cleared });
}

async function setLatency({ store, body }) {
	const { ms } = await readJsonObject(body);
	if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
		throw new ApiError(400, '"ms" must be a non-negative number');
	}
	store.latencyMs = ms;
	return jsonReply({ ms });
}

function state({ store }) {
	return jsonReply(store.counts());
}

export const adminRoutes = [
	{ method: 'GET', path: '/_sandbox/requests', handler: listRequests },
	{ method: 'DELETE', path: '/_sandbox/requests', handler: clearRequests },
	{ method: 'POST', path: '/_sandbox/reset', handler: reset },
	{ method: 'POST', path: '/_sandbox/revoke-tokens', handler: revokeTokens },
	{ method: 'POST', path: '/_sandbox/expire-tokens', handler: expireTokens },
	{ method: 'POST', path: '/_sandbox/publications', handler: addPublications },
	{ method: 'POST', path: '/_sandbox/logs', handler: addLogEntry },
	{ method: 'GET', path: '/_sandbox/faults', handler: listFaults },
	{ method: 'POST', path: '/_sandbox/faults', handler: addFault },
	{ method: 'DELETE', path: '/_sandbox/faults', handler: clearFaults },
	{ method: 'POST', path: '/_sandbox/latency', handler: setLatency },
	{ method: 'POST', path: '/_sandbox/export-padding', handler: setExportPadding },
	{ method: 'GET', path: '/_sandbox/state', handler: state },
	{ method: 'GET', path: '/_sandbox/seed', handler: seed },
	...pagingFaultRoutes,
	...loadAdminRoutes,
	...redirectAdminRoutes,
];
