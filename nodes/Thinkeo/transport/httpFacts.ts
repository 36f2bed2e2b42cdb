/**
 * What the node and the credential both know about HTTP and Thinkeo's addresses, written once: which statuses are
 * redirects, what a timeout looks like, the Base URL's form, and Thinkeo's IDs. (Thinkeo's own message in an error
 * body is read by apiMessage.ts, for both too.)
 */

/** The statuses that name another address to go to. */
export const REDIRECT_STATUSES = [301, 302, 303, 307, 308];

/**
 * A request that Thinkeo did not answer in time: axios's "timeout of N ms exceeded", or n8n's ETIMEDOUT. Other
 * timeouts reaching a request (e.g. n8n's own database pool: "timeout exceeded when trying to connect") are not
 * Thinkeo's and keep their message.
 */
export function isTimeout(error: unknown): boolean {
	const candidate = error as { httpCode?: unknown; code?: unknown; message?: unknown; messages?: unknown; cause?: unknown };
	const texts = [candidate.message, ...(Array.isArray(candidate.messages) ? candidate.messages : [])].map(String);
	const codes = [candidate.httpCode, candidate.code, (candidate.cause as { code?: unknown } | undefined)?.code].map(String);
	return codes.includes('ETIMEDOUT') || texts.some((text) => /\btimeout of \d+ ?ms exceeded\b|\btimed out\b/i.test(text));
}

/** A Base URL without its trailing slashes, so that paths starting with a slash join it once. */
export function withoutTrailingSlashes(baseUrl: string): string {
	return baseUrl.replace(/\/+$/, '');
}

/** A credential's Base URL as every request joins its paths to it: without surrounding spaces and trailing slashes. */
export function normalizeBaseUrl(baseUrl: unknown): string {
	return withoutTrailingSlashes(String(baseUrl ?? '').trim());
}

/** Thinkeo IDs are UUIDs (v7-looking in the docs, but any version is accepted); a pattern to build expressions from. */
export const UUID_PATTERN = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
