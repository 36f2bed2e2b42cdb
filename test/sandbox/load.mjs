// Load the real API puts on a client (admin: POST /_sandbox/rate-limit and POST /_sandbox/slow): a rate limit per
// token, answered 429 (or 503) with Retry-After, and endpoints that take minutes to answer, as AI generations do.
import { ApiError, errorReply, jsonReply, readJsonObject } from './http-utils.mjs';
import { stripVersionPrefix } from './router.mjs';

const WINDOW_MS = 1000;

/**
 * The reply to a request over the rate limit, or null when it is within it. The limit holds for any second (a
 * sliding window) per Authorization header, for the Bearer tokens it names or for all; only requests let through
 * count towards it.
 */
export function rateLimitReply(store, authorization, now = Date.now()) {
	const limit = store.rateLimit;
	if (!limit) return null;
	const token = /^Bearer (.*)$/.exec(authorization ?? '')?.[1];
	if (limit.tokens && !limit.tokens.includes(token)) return null;
	const perSecond = limit.perSecondByToken ? limit.perSecondByToken[token] : limit.perSecond;
	if (perSecond === undefined) return null;
	const key = authorization ?? 'anonymous';
	const recent = (limit.accepted.get(key) ?? []).filter((time) => time > now - WINDOW_MS);
	limit.accepted.set(key, recent);
	if (recent.length < perSecond) {
		recent.push(now);
		return null;
	}
	const freeAt = recent[0] + WINDOW_MS;
	const retryAfter =
		typeof limit.retryAfter === 'number'
			? String(limit.retryAfter)
			: limit.retryAfter === 'date'
				? new Date(Math.ceil(freeAt / 1000) * 1000).toUTCString()
				: String(Math.max(1, Math.ceil((freeAt - now) / 1000)));
	const reply = errorReply(limit.status, `Rate limit exceeded: at most ${perSecond} requests per second per token`);
	const headers = { ...reply.headers, ...(limit.retryAfter === 'none' ? {} : { 'retry-after': retryAfter }) };
	return { ...reply, headers, endless: limit.endlessBody };
}

/** How often an endless body sends one more byte. */
const TRICKLE_MS = 200;

/**
 * Sends a rate-limit reply whose body never ends (`endlessBody`): its first half, then a space every TRICKLE_MS.
 * Each one is logged in `store.rateLimit.endlessReplies` with when it was sent and when the client closed its
 * connection (never, until it destroys the body, or the server stops).
 */
export function sendEndlessReply(store, res, reply) {
	const entry = { sentAt: Date.now(), closedAt: null };
	store.rateLimit.endlessReplies.push(entry);
	const trickle = setInterval(() => res.write(' '), TRICKLE_MS);
	res.once('close', () => {
		clearInterval(trickle);
		entry.closedAt = Date.now();
	});
	res.writeHead(reply.status, reply.headers);
	res.write(reply.body.subarray(0, Math.ceil(reply.body.length / 2)));
}

/**
 * `{perSecond, status?: 429 | 503, retryAfter?: 'seconds' | 'date' | 'none' | <whole seconds>, tokens?: [token…],
 * endlessBody?: boolean}` sets the limit (for the Bearer tokens listed, else for every caller; its replies' bodies
 * never end with `endlessBody`); `{perSecondByToken: {token: perSecond…}}` instead gives each listed token a limit
 * of its own; `{}` clears it.
 */
async function setRateLimit({ store, body }) {
	const { perSecond, perSecondByToken, status = 429, retryAfter = 'seconds', tokens, endlessBody = false, ...unknown } = await readJsonObject(body);
	if (Object.keys(unknown).length > 0) throw new ApiError(400, `Unknown rate-limit setting "${Object.keys(unknown)[0]}"`);
	if (perSecondByToken !== undefined) {
		const limits = Object.values(perSecondByToken ?? {});
		if (perSecond !== undefined || typeof perSecondByToken !== 'object' || !limits.every((limit) => Number.isInteger(limit) && limit >= 1)) {
			throw new ApiError(400, '"perSecondByToken" must map API tokens to positive integers, without "perSecond"');
		}
		store.rateLimit = { perSecondByToken, status: 429, retryAfter: 'seconds', tokens: null, endlessBody: false, accepted: new Map(), endlessReplies: [] };
		return jsonReply({ rateLimit: { perSecondByToken: Object.keys(perSecondByToken).length } });
	}
	if (perSecond === undefined) {
		store.rateLimit = null;
		return jsonReply({ rateLimit: null });
	}
	if (!Number.isInteger(perSecond) || perSecond < 1) throw new ApiError(400, '"perSecond" must be a positive integer');
	if (status !== 429 && status !== 503) throw new ApiError(400, '"status" must be 429 or 503');
	if (!['seconds', 'date', 'none'].includes(retryAfter) && !(Number.isInteger(retryAfter) && retryAfter >= 0)) {
		throw new ApiError(400, '"retryAfter" must be "seconds", "date", "none" or a whole number of seconds');
	}
	if (tokens !== undefined && !(Array.isArray(tokens) && tokens.every((token) => typeof token === 'string'))) {
		throw new ApiError(400, '"tokens" must be an array of API tokens');
	}
	if (typeof endlessBody !== 'boolean') throw new ApiError(400, '"endlessBody" must be true or false');
	store.rateLimit = { perSecond, status, retryAfter, tokens: tokens ?? null, endlessBody, accepted: new Map(), endlessReplies: [] };
	return jsonReply({ rateLimit: { perSecond, status, retryAfter, limitedTokens: tokens?.length ?? 'all', endlessBody } });
}

/** The replies with an endless body sent so far: `[{sentAt, closedAt}]` (epoch ms; closedAt null while open). */
function endlessReplies({ store }) {
	return jsonReply({ endlessReplies: store.rateLimit?.endlessReplies ?? [] });
}

/** The extra delay of an API request: the slow endpoints' `ms` whose method and path match (`*` is one segment). */
export function slowDelay(store, method, path) {
	const segments = path.split('/');
	const matches = (pattern) =>
		pattern.length === segments.length && pattern.every((part, at) => part === '*' || part === segments[at]);
	return store.slowEndpoints
		.filter((endpoint) => endpoint.method === method && matches(endpoint.segments))
		.reduce((longest, endpoint) => Math.max(longest, endpoint.ms), 0);
}

/** `{method, path, ms}` makes that endpoint answer `ms` later, e.g. `{method: 'POST', path: '/blocks/*\/render'}`. */
async function setSlowEndpoint({ store, body }) {
	const { method, path, ms } = await readJsonObject(body);
	if (typeof method !== 'string' || typeof path !== 'string' || !path.startsWith('/')) {
		throw new ApiError(400, '"method" and "path" (starting with /) are required strings');
	}
	if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) throw new ApiError(400, '"ms" must be a non-negative number');
	const endpoint = { method: method.toUpperCase(), path: stripVersionPrefix(path).path, ms };
	store.slowEndpoints = store.slowEndpoints.filter((other) => other.method !== endpoint.method || other.path !== endpoint.path);
	if (ms > 0) store.slowEndpoints.push({ ...endpoint, segments: endpoint.path.split('/') });
	return jsonReply({ slowEndpoints: store.slowEndpoints.map(({ segments, ...shown }) => shown) });
}

export const loadAdminRoutes = [
	{ method: 'POST', path: '/_sandbox/rate-limit', handler: setRateLimit },
	{ method: 'GET', path: '/_sandbox/rate-limit/endless-replies', handler: endlessReplies },
	{ method: 'POST', path: '/_sandbox/slow', handler: setSlowEndpoint },
];
