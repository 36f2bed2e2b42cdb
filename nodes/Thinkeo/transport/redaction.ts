import type { JsonObject } from 'n8n-workflow';

/**
 * What an error may keep as its `cause`: name, message, code and status. n8n stores an error's cause with the
 * execution (1.x serialises it in full), and a request error's cause holds the socket and request objects, whose
 * `_httpMessage._header` and `_redirectable._options.headers` carry the Authorization header.
 */
export function cleanCause(cause: unknown): JsonObject {
	const { name, message, code, status, response } = (cause ?? {}) as {
		name?: unknown;
		message?: unknown;
		code?: unknown;
		status?: unknown;
		response?: { status?: unknown };
	};
	const clean: JsonObject = { name: String(name ?? 'Error'), message: String(message ?? '') };
	if (typeof code === 'string') clean.code = code;
	const httpStatus = Number(status ?? response?.status);
	if (Number.isFinite(httpStatus)) clean.status = httpStatus;
	return clean;
}

/**
 * The error to hand to n8n for a failed request: `error` with its secrets redacted and its cause replaced by a clean
 * copy (see cleanCause). Every request path of the node throws through this.
 */
export function withoutSecrets(error: unknown): JsonObject {
	redactSecrets(error);
	if (error instanceof Error) {
		if (error.cause !== undefined) error.cause = cleanCause(error.cause);
		// A plain request error becomes the cause of the NodeApiError built from it: keep a clean copy only.
		if (!('node' in error)) return cleanCause(error);
	}
	return error as JsonObject;
}

const SECRET_HEADERS = /^(authorization|proxy-authorization|cookie)$/i;
const REDACTED = '[redacted]';

/**
 * Removes the Authorization header (and Basic auth passwords) from whatever request options an error carries:
 * n8n's request errors keep the failed request (axios `config`, `request`, `options`) in their cause, and errors
 * end up in the execution data n8n stores.
 */
export function redactSecrets(error: unknown, seen = new Set<unknown>(), depth = 0): void {
	if (!error || typeof error !== 'object' || seen.has(error) || depth > 6) return;
	seen.add(error);
	const record = error as Record<string, unknown>;
	for (const key of ['headers', '_headers']) {
		const headers = record[key];
		if (headers && typeof headers === 'object') {
			for (const name of Object.keys(headers)) {
				if (SECRET_HEADERS.test(name)) (headers as Record<string, unknown>)[name] = REDACTED;
			}
		}
	}
	if (typeof record._header === 'string') {
		record._header = record._header.replace(/^((?:proxy-)?authorization|cookie):.*$/gim, `$1: ${REDACTED}`);
	}
	const auth = record.auth as Record<string, unknown> | undefined;
	if (auth && typeof auth === 'object' && 'password' in auth) auth.password = REDACTED;
	for (const key of ['cause', 'config', 'request', 'options', 'response', 'error', 'reason', 'errorResponse', 'context']) {
		try {
			redactSecrets(record[key], seen, depth + 1);
		} catch {
			// A getter of some request object may throw; it then holds nothing this function could reach.
		}
	}
}
