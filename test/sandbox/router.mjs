// A minimal path router. Routes are `{method, path: '/attachments/:id/meta', auth?, handler}`; a
// known path with an unknown method is a 405, an unknown path a 404.
import { ApiError } from './http-utils.mjs';

function compile(route) {
	const segments = route.path.split('/').slice(1);
	return { ...route, segments, paramCount: segments.filter((s) => s.startsWith(':')).length };
}

function matchSegments(pattern, segments) {
	if (pattern.length !== segments.length) return null;
	const params = {};
	for (const [i, part] of pattern.entries()) {
		if (part.startsWith(':')) {
			if (!segments[i]) return null;
			try {
				params[part.slice(1)] = decodeURIComponent(segments[i]);
			} catch {
				return null;
			}
		} else if (part !== segments[i]) {
			return null;
		}
	}
	return params;
}

export function createRouter(routes) {
	// Literal segments win over parameters (a future /publications/views must not be read as an id).
	const compiled = routes.map(compile).sort((a, b) => a.paramCount - b.paramCount);
	return function match(method, path) {
		const segments = path.split('/').slice(1);
		const allowed = [];
		for (const route of compiled) {
			const params = matchSegments(route.segments, segments);
			if (!params) continue;
			if (route.method === method) return { route, params };
			allowed.push(route.method);
		}
		if (allowed.length > 0) {
			throw new ApiError(405, `Method ${method} is not allowed on ${path}`, {
				allow: allowed.join(', '),
			});
		}
		throw new ApiError(404, `No such endpoint: ${method} ${path}`);
	};
}

/** Strips an optional /v0 or /v1 prefix: `/v1/teams` and `/teams` are the same endpoint. */
export function stripVersionPrefix(rawPath) {
	const match = /^\/(v0|v1)(?=\/|$)/.exec(rawPath);
	if (!match) return { prefix: null, path: rawPath };
	return { prefix: match[1], path: rawPath.slice(match[0].length) || '/' };
}
