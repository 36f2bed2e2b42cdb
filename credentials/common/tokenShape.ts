/**
 * Longest token accepted. A token travels in the Authorization header of every request, and servers and proxies
 * commonly refuse a header line past 8 KB (nginx, Apache) or all headers past 8 to 16 KB (Node.js), answering 431
 * (which n8n never renews on). Thinkeo's team tokens are 45 characters (tkak_ and 40 hex digits) and its session JWTs
 * a few hundred: 4 KB allows ten times that, and leaves room for the request's other headers.
 */
export const MAX_TOKEN_LENGTH = 4096;

/** Printable ASCII without spaces: what a Bearer token may hold, and all Thinkeo's tokens are made of. */
const OUTSIDE_TOKEN_CHARACTERS = /[^\x21-\x7e]/;

/** Why `token` cannot be sent as a Bearer token, or undefined when it can. Never quotes the token: it is a secret. */
export function tokenShapeProblem(token: string): string | undefined {
	if (token.length === 0) return 'it is empty';
	if (token.length > MAX_TOKEN_LENGTH) {
		return `it is ${token.length} characters long, and a token may have at most ${MAX_TOKEN_LENGTH} (it travels in the Authorization header of every request, and servers refuse headers that large)`;
	}
	const at = token.search(OUTSIDE_TOKEN_CHARACTERS);
	if (at >= 0) {
		return `it contains a space, control or non-ASCII character (at position ${at + 1}), where a token is printable ASCII without spaces`;
	}
	return undefined;
}
