// Auth: the account flows under /auth/*. Documented: POST /auth/login {email, password, rememberMe} returns
// {accessToken, refreshToken}, the access token being a `tkat_`-prefixed HS256 JWT valid about 2 minutes.
// Everything else is inferred and kept simple:
//
// * Sessions. A session's access token authenticates API calls like any Bearer token when the session is bound
//   to a team (`?team=` on login, or the account's only team); it is kept in store.tokens with `session: true`
//   (GET /tokens does not list it). POST /auth/refresh {refreshToken} rotates the refresh token and issues a new
//   access token. POST /auth/logout (Bearer) ends a session: the one whose `refreshToken` is in the body, or the
//   one whose access token is the Bearer; every access token of the session stops working.
// * "Mailbox". What a real server would e-mail or hand over through an identity provider is kept in collections
//   keyed by the secret itself, so tests read it from GET /_sandbox/seed: `authConfirmations` (PUT /auth/confirm
//   {token}), `authPasswordResets` (PUT /auth/password {token, password}), `ssoLogins` (the code the fake identity
//   provider returns after POST /auth/sso/{provider}/login, for POST /auth/sso/verify {code, state}) and
//   `authSessions` (live refresh tokens).
// * Public: login, refresh, register, confirm, forgot-password, password (with a reset token) and the SSO ones.
//   PUT /auth/password with {currentPassword, password} changes the password of the Bearer's account.
import { createHmac, randomBytes, randomUUID } from 'node:crypto';

import { ApiError, jsonReply, readJsonObject } from '../http-utils.mjs';
import { DEMO_ACCOUNT } from '../seed.mjs';
import { addUser, allowOnly, emailProperty, stringProperty, userByEmail } from '../team-data.mjs';
import { uuidParam } from '../validation.mjs';

export const SESSIONS = 'authSessions'; // refresh token → {id, accountEmail, teamId, rememberMe, refreshToken, accessTokenIds, expiresAt}
export const CONFIRMATIONS = 'authConfirmations'; // confirmation token → {email, createdAt}
export const PASSWORD_RESETS = 'authPasswordResets'; // reset token → {email, expiresAt}
export const SSO_LOGINS = 'ssoLogins'; // code → {code, state, provider, email, createdAt}

const ACCESS_TTL_SECONDS = 120;
const REFRESH_TTL_MS = { short: 86_400_000, rememberMe: 30 * 86_400_000 };
const MIN_PASSWORD_LENGTH = 8;
const JWT_SECRET = 'thinkeo-sandbox-session-secret';
const SSO_PROVIDERS = [
	{ id: 'google', name: 'Google' },
	{ id: 'microsoft', name: 'Microsoft' },
];

/** Seeded auth state (fixed secrets, listed in GET /_sandbox/seed under the collections above). */
export const PENDING_ACCOUNT = { id: '0192f0b1-0001-7000-8000-000000000014', email: 'pending@thinkeo.test', password: 'pending-password' };
export const RESET_ACCOUNT = { id: '0192f0b1-0001-7000-8000-000000000015', email: 'reset@thinkeo.test', password: 'reset-password' };

const base64url = (data) => Buffer.from(data).toString('base64url');

/** A `tkat_` HS256 JWT with the claims of the documented example, plus a unique `jti`. */
function accessTokenFor(account, teamId, now) {
	const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
	const iat = Math.floor(now / 1000);
	const claims = {
		iss: 'thinkeo3',
		sub: account.id,
		team: teamId,
		scope: 3072,
		session: true,
		iat,
		exp: iat + ACCESS_TTL_SECONDS,
		jti: randomUUID(),
	};
	const payload = base64url(JSON.stringify(claims));
	const signature = createHmac('sha256', JWT_SECRET).update(`${header}.${payload}`).digest('base64url');
	return `tkat_${header}.${payload}.${signature}`;
}

/** Adds a new access token to a session; usable as a Bearer only when the session has a team. */
function issueAccessToken(store, session, account) {
	const now = Date.now();
	const accessToken = accessTokenFor(account, session.teamId, now);
	if (session.teamId) {
		const id = randomUUID();
		store.tokens.set(id, {
			id,
			teamId: session.teamId,
			accountEmail: account.email,
			name: 'session',
			expiration: new Date(now + ACCESS_TTL_SECONDS * 1000).toISOString(),
			createdAt: new Date(now).toISOString(),
			token: accessToken,
			once: false,
			scopes: 3072,
			revokedAt: null,
			usedAt: null,
			session: true,
			sessionId: session.id,
		});
		session.accessTokenIds.push(id);
	}
	return accessToken;
}

function openSession(store, account, { teamId, rememberMe = false, refreshToken = randomBytes(24).toString('hex') }) {
	const session = {
		id: randomUUID(),
		accountEmail: account.email,
		teamId,
		rememberMe,
		refreshToken,
		accessTokenIds: [],
		expiresAt: new Date(Date.now() + REFRESH_TTL_MS[rememberMe ? 'rememberMe' : 'short']).toISOString(),
	};
	store.collection(SESSIONS).set(refreshToken, session);
	const accessToken = issueAccessToken(store, session, account);
	return { accessToken, refreshToken };
}

function endSession(store, session) {
	const now = new Date().toISOString();
	for (const id of session.accessTokenIds) {
		const token = store.tokens.get(id);
		if (token && !token.revokedAt) token.revokedAt = now;
	}
	store.collection(SESSIONS).delete(session.refreshToken);
}

function endSessionsOf(store, email) {
	for (const session of [...store.collection(SESSIONS).values()]) {
		if (session.accountEmail === email) endSession(store, session);
	}
}

function liveSession(store, refreshToken) {
	const session = store.collection(SESSIONS).get(refreshToken);
	if (!session) return undefined;
	if (Date.parse(session.expiresAt) <= Date.now()) {
		endSession(store, session);
		return undefined;
	}
	return session;
}

const readBody = (req, body) => readJsonObject(body, { contentType: req.headers['content-type'] });

/** A body that may be absent (POST /auth/logout). */
async function readOptionalBody(req, body) {
	const length = Number(req.headers['content-length'] ?? 0);
	const chunked = req.headers['transfer-encoding'] !== undefined;
	if (length === 0 && !chunked) return {};
	return await readBody(req, body);
}

function passwordProperty(payload, key = 'password') {
	const value = payload[key];
	if (value === undefined || value === null) throw new ApiError(400, `"${key}" is required`);
	if (typeof value !== 'string' || value.length < MIN_PASSWORD_LENGTH) {
		throw new ApiError(400, `"${key}" must be a string of at least ${MIN_PASSWORD_LENGTH} characters`);
	}
	return value;
}

function accountView(account) {
	return { id: account.id, email: account.email, confirmed: account.confirmed !== false };
}

// ---------------------------------------------------------------------------------------------- sessions

async function login({ req, store, body, query }) {
	const payload = await readBody(req, body);
	allowOnly(payload, ['email', 'password', 'rememberMe'], 'login body');
	const email = emailProperty(payload);
	if (typeof payload.password !== 'string' || payload.password === '') throw new ApiError(400, '"password" is required');
	if (payload.rememberMe !== undefined && typeof payload.rememberMe !== 'boolean') {
		throw new ApiError(400, '"rememberMe" must be a boolean');
	}
	const account = store.account(email);
	if (!account || account.password !== payload.password) throw new ApiError(401, 'Invalid email or password');
	if (account.confirmed === false) {
		throw new ApiError(403, `Account ${account.email} is not confirmed yet; follow the link of the confirmation e-mail`);
	}
	let teamId = account.teamIds.length === 1 ? account.teamIds[0] : null;
	if (query.has('team')) {
		teamId = uuidParam('team', query.get('team'));
		if (!account.teamIds.includes(teamId)) throw new ApiError(403, `Account ${account.email} is not a member of team ${teamId}`);
	}
	return jsonReply(openSession(store, account, { teamId, rememberMe: payload.rememberMe === true }));
}

async function refresh({ req, store, body }) {
	const payload = await readBody(req, body);
	allowOnly(payload, ['refreshToken'], 'refresh body');
	const refreshToken = stringProperty(payload, 'refreshToken', { required: true, max: 500 });
	const session = liveSession(store, refreshToken);
	if (!session) throw new ApiError(401, 'Invalid or expired refresh token');
	const account = store.account(session.accountEmail);
	store.collection(SESSIONS).delete(refreshToken);
	session.refreshToken = randomBytes(24).toString('hex');
	store.collection(SESSIONS).set(session.refreshToken, session);
	const accessToken = issueAccessToken(store, session, account);
	return jsonReply({ accessToken, refreshToken: session.refreshToken });
}

async function logout({ req, store, body, principal }) {
	const payload = await readOptionalBody(req, body);
	allowOnly(payload, ['refreshToken'], 'logout body');
	let session;
	if (payload.refreshToken !== undefined) {
		const refreshToken = stringProperty(payload, 'refreshToken', { required: true, max: 500 });
		session = liveSession(store, refreshToken);
		if (!session) throw new ApiError(400, '"refreshToken" does not belong to an active session');
		if (principal.account && session.accountEmail !== principal.account.email) {
			throw new ApiError(403, 'This session belongs to another account');
		}
	} else if (principal.token.session) {
		session = [...store.collection(SESSIONS).values()].find((candidate) => candidate.id === principal.token.sessionId);
		if (!session) throw new ApiError(400, 'This session has already ended');
	} else {
		throw new ApiError(
			400,
			'Nothing to log out: send {"refreshToken": "…"} of the session to end, or call with the session\'s access token',
		);
	}
	endSession(store, session);
	return jsonReply({ loggedOut: true });
}

// ---------------------------------------------------------------------------------------------- accounts

async function register({ req, store, body }) {
	const payload = await readBody(req, body);
	allowOnly(payload, ['email', 'password', 'name'], 'registration body');
	const email = emailProperty(payload);
	const password = passwordProperty(payload);
	const name = stringProperty(payload, 'name', { max: 100 }) ?? null;
	if (store.account(email)) throw new ApiError(400, `An account with the email ${email} already exists`);
	// Someone invited before registering keeps the user id the team already knows.
	const user = userByEmail(store, email) ?? addUser(store, { email, name });
	if (name) user.name = name;
	const account = { id: user.id, email, password, teamIds: [], confirmed: false };
	store.accounts.set(email, account);
	store.collection(CONFIRMATIONS).set(randomBytes(16).toString('hex'), { email, createdAt: new Date().toISOString() });
	return jsonReply({ ...accountView(account), name: user.name });
}

async function confirm({ req, store, body }) {
	const payload = await readBody(req, body);
	allowOnly(payload, ['token'], 'confirmation body');
	const token = stringProperty(payload, 'token', { required: true, max: 500 });
	const pending = store.collection(CONFIRMATIONS).get(token);
	if (!pending) throw new ApiError(400, 'Unknown or already used confirmation token');
	store.collection(CONFIRMATIONS).delete(token);
	const account = store.account(pending.email);
	account.confirmed = true;
	return jsonReply(accountView(account));
}

async function forgotPassword({ req, store, body }) {
	const payload = await readBody(req, body);
	allowOnly(payload, ['email'], 'body');
	const email = emailProperty(payload);
	if (store.account(email)) {
		const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
		store.collection(PASSWORD_RESETS).set(randomBytes(16).toString('hex'), { email, expiresAt });
	}
	// The same answer whether or not the account exists, so nobody can probe for accounts.
	return jsonReply({ message: `If an account exists for ${email}, a password reset e-mail has been sent` });
}

/** PUT /auth/password: {token, password} (reset e-mail) or {currentPassword, password} (the Bearer's account). */
async function setPassword({ req, store, body, principal }) {
	const payload = await readBody(req, body);
	allowOnly(payload, ['token', 'currentPassword', 'password'], 'password body');
	const password = passwordProperty(payload);
	let account;
	if (payload.token !== undefined) {
		const token = stringProperty(payload, 'token', { required: true, max: 500 });
		const reset = store.collection(PASSWORD_RESETS).get(token);
		if (!reset || Date.parse(reset.expiresAt) <= Date.now()) throw new ApiError(400, 'Unknown, used or expired reset token');
		store.collection(PASSWORD_RESETS).delete(token);
		account = store.account(reset.email);
	} else if (payload.currentPassword !== undefined) {
		if (!principal?.account) {
			throw new ApiError(401, 'Changing the password with "currentPassword" needs a Bearer token of the account');
		}
		account = principal.account;
		if (payload.currentPassword !== account.password) throw new ApiError(400, '"currentPassword" is not the current password');
	} else {
		throw new ApiError(400, 'Send "token" (from the reset e-mail) or "currentPassword" along with "password"');
	}
	account.password = password;
	endSessionsOf(store, account.email);
	return jsonReply({ updated: true, email: account.email });
}

// ---------------------------------------------------------------------------------------------- SSO

function ssoProviders() {
	return jsonReply(SSO_PROVIDERS);
}

/** Starts an SSO login; the fake identity provider approves it at once as the caller (or the demo account). */
function startSso({ store, params, principal }) {
	const provider = SSO_PROVIDERS.find((candidate) => candidate.id === params.provider);
	if (!provider) {
		throw new ApiError(404, `Unknown SSO provider "${params.provider}"; available: ${SSO_PROVIDERS.map((p) => p.id).join(', ')}`);
	}
	const state = randomBytes(16).toString('hex');
	const code = randomBytes(16).toString('hex');
	const email = principal?.account?.email ?? DEMO_ACCOUNT.email;
	store.collection(SSO_LOGINS).set(code, { code, state, provider: provider.id, email, createdAt: new Date().toISOString() });
	return jsonReply({
		provider: provider.id,
		state,
		authorizationUrl: `https://sso.sandbox.thinkeo.test/${provider.id}/authorize?state=${state}`,
	});
}

async function verifySso({ req, store, body }) {
	const payload = await readBody(req, body);
	allowOnly(payload, ['code', 'state'], 'SSO verification body');
	const code = stringProperty(payload, 'code', { required: true, max: 500 });
	const state = stringProperty(payload, 'state', { required: true, max: 500 });
	const login = store.collection(SSO_LOGINS).get(code);
	if (!login || login.state !== state) throw new ApiError(400, 'Unknown or already used SSO code, or a state that does not match it');
	store.collection(SSO_LOGINS).delete(code);
	const account = store.account(login.email);
	const teamId = account.teamIds.length === 1 ? account.teamIds[0] : null;
	return jsonReply(openSession(store, account, { teamId }));
}

export function seed(store) {
	for (const extra of [PENDING_ACCOUNT, RESET_ACCOUNT]) {
		store.accounts.set(extra.email, { ...extra, teamIds: [], confirmed: extra !== PENDING_ACCOUNT });
		addUser(store, { id: extra.id, email: extra.email, at: '2025-01-15T09:00:00.000Z' });
	}
	store.collection(CONFIRMATIONS).set('sandbox-confirm-pending-0001', { email: PENDING_ACCOUNT.email, createdAt: '2025-01-15T09:00:00.000Z' });
	store.collection(PASSWORD_RESETS).set('sandbox-reset-0001', { email: RESET_ACCOUNT.email, expiresAt: '2099-01-01T00:00:00.000Z' });
	const demo = store.account(DEMO_ACCOUNT.email);
	for (const refreshToken of ['sandbox-refresh-demo-0001', 'sandbox-refresh-demo-0002']) {
		openSession(store, demo, { teamId: demo.teamIds[0], refreshToken });
	}
	store.collection(SSO_LOGINS).set('sandbox-sso-code-0001', {
		code: 'sandbox-sso-code-0001',
		state: 'sandbox-sso-state-0001',
		provider: 'google',
		email: DEMO_ACCOUNT.email,
		createdAt: '2025-01-15T09:00:00.000Z',
	});
}

const route = (method, path, auth, handler) => ({ method, path, auth, handler });

export const routes = [
	route('POST', '/auth/login', 'public', login),
	route('POST', '/auth/refresh', 'public', refresh),
	route('POST', '/auth/logout', 'bearer', logout),
	route('POST', '/auth/register', 'public', register),
	route('PUT', '/auth/confirm', 'public', confirm),
	route('POST', '/auth/forgot-password', 'public', forgotPassword),
	route('PUT', '/auth/password', 'public', setPassword),
	route('GET', '/auth/sso/providers', 'public', ssoProviders),
	route('POST', '/auth/sso/:provider/login', 'public', startSso),
	route('POST', '/auth/sso/verify', 'public', verifySso),
];
