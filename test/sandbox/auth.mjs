// Authorization header handling. Routes declare `auth: 'bearer'` or `auth: 'basic-or-bearer'` (the
// documented Basic endpoints: GET /teams and POST /tokens).
import { ApiError } from './http-utils.mjs';

const CHALLENGE = { 'www-authenticate': 'Bearer realm="thinkeo-sandbox"' };

function unauthorized(message) {
	return new ApiError(401, message, CHALLENGE);
}

/** {scheme: 'basic', user, password, malformed?} | {scheme: 'bearer', secret} | {scheme: null} */
export function parseAuthorization(header) {
	const match = /^(\S+)(?:\s+(.*))?$/.exec(header?.trim() ?? '');
	const scheme = match?.[1].toLowerCase();
	const value = match?.[2]?.trim() ?? '';
	if (scheme === 'bearer') return { scheme, secret: value };
	if (scheme !== 'basic') return { scheme: null };
	const decoded = /^[A-Za-z0-9+/]+={0,2}$/.test(value)
		? Buffer.from(value, 'base64').toString('utf8')
		: '';
	const colon = decoded.indexOf(':');
	if (colon < 0) return { scheme, malformed: true };
	return { scheme, user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** What the request log records about the credentials, whether or not they are valid. */
export function describeAuth(store, header) {
	const parsed = parseAuthorization(header);
	if (parsed.scheme === 'basic') return { scheme: 'basic', user: parsed.user ?? null };
	if (parsed.scheme === 'bearer') {
		return { scheme: 'bearer', tokenId: store.tokenBySecret(parsed.secret)?.id ?? null };
	}
	return { scheme: null };
}

/**
 * The caller behind the Authorization header, or a 401.
 * Returns {scheme, account, token and teamId (Bearer only), teamIds (the teams the caller may act on)}.
 */
export function authenticate(store, header, mode) {
	// Public endpoints (the /auth/* account flows) need no credential; a valid one is still described.
	if (mode === 'public') {
		try {
			return header ? authenticate(store, header, 'basic-or-bearer') : null;
		} catch {
			return null;
		}
	}
	if (!header) {
		throw unauthorized(
			mode === 'bearer'
				? 'Missing Authorization header; send "Authorization: Bearer <token>"'
				: 'Missing Authorization header; send HTTP Basic (email:password) or a Bearer token',
		);
	}
	const parsed = parseAuthorization(header);
	if (parsed.scheme === 'basic') {
		if (mode === 'bearer') {
			throw unauthorized(
				'HTTP Basic authentication is only accepted on GET /teams and POST /tokens; use a Bearer token here',
			);
		}
		if (parsed.malformed) throw unauthorized('Malformed HTTP Basic credentials');
		const account = store.account(parsed.user);
		if (!account || account.password !== parsed.password) {
			throw unauthorized('Invalid email or password');
		}
		return { scheme: 'basic', account, teamIds: account.teamIds };
	}
	if (parsed.scheme === 'bearer') {
		if (!parsed.secret) throw unauthorized('Missing bearer token after "Bearer"');
		const token = store.tokenBySecret(parsed.secret);
		if (!token) throw unauthorized('Invalid bearer token');
		const problem = store.tokenProblem(token);
		if (problem) throw unauthorized(problem);
		return {
			scheme: 'bearer',
			account: store.account(token.accountEmail),
			token,
			teamId: token.teamId,
			teamIds: [token.teamId],
		};
	}
	throw unauthorized('Unsupported Authorization scheme; use "Bearer <token>"');
}
