import { createHash } from 'crypto';
import type { ICredentialDataDecryptedObject, IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';

import { beforeDeadline, EXCHANGE_TIME_LIMIT_MS } from './deadline';
import type { TimeLimit } from './singleFlight';
import { teamFromAnswer } from './teamsAnswer';
import { tokenShapeProblem } from './tokenShape';
import { apiErrorMessage } from '../../nodes/Thinkeo/transport/apiMessage';
import { normalizeBaseUrl, REDIRECT_STATUSES } from '../../nodes/Thinkeo/transport/httpFacts';
import { describeUnreachable } from '../../nodes/Thinkeo/transport/unreachable';

/**
 * Turns an account's email/password into a team API token (GET /teams, then POST /tokens, both with Basic auth).
 *
 * - A rejected token is first checked on GET /teams with Bearer auth. If it still works there, the endpoint that
 *   answered 401 refuses any token (a scope, a proxy, a WAF): the token is kept, no new one is created, and the
 *   node's retry fails with the API's message. Only a token GET /teams rejects too (revoked, expired) is replaced.
 * - No redirect is followed: the password and the token only ever go to the Base URL.
 * - The whole renewal has one deadline (./deadline.ts), and a new token is stored only if it can be sent (./tokenShape.ts).
 * - A token is created only for the one team a well-formed GET /teams answer names (./teamsAnswer.ts).
 */

/** Longest Token Lifetime accepted: 100 years. */
export const MAX_LIFETIME_DAYS = 36_500;

/** Which renewals a caller may share: one per Base URL, account, team, token name and lifetime. */
export function credentialIdentity(credentials: ICredentialDataDecryptedObject): string {
	// The password is part of the identity so a corrected password never reuses a result; hashed so the map holds no secret.
	const parts = [
		normalizeBaseUrl(credentials.baseUrl),
		credentials.email,
		credentials.password,
		credentials.teamId,
		credentials.label,
		credentials.lifetimeDays,
	];
	return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/** An error safe to show: it never carries the request, its Basic header or the password. */
export class ThinkeoAuthError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ThinkeoAuthError';
	}
}

/** The time limit of one exchange, every request in it and every caller that joins it together (see singleFlight). */
export const EXCHANGE_TIME_LIMIT: TimeLimit = {
	ms: EXCHANGE_TIME_LIMIT_MS,
	late: () =>
		new ThinkeoAuthError(
			`The Thinkeo token exchange did not finish within ${EXCHANGE_TIME_LIMIT_MS / 1000} s, its time limit. Check that the Base URL is reachable and answers promptly, then run the workflow again.`,
		),
};

function statusOf(error: unknown): number | undefined {
	const candidate = error as { response?: { status?: number }; httpCode?: string; statusCode?: number };
	const status = candidate.response?.status ?? candidate.statusCode ?? Number(candidate.httpCode);
	return Number.isFinite(status) ? status : undefined;
}

/**
 * Thinkeo's own message in a failed request's body, read as the node reads it, without the credential's own secrets
 * should the answer echo them (the password, email:password, its Basic form, the tokens).
 */
function apiMessageOf(error: unknown, credentials: ICredentialDataDecryptedObject): string {
	const response = (error as { response?: { data?: unknown; headers?: Record<string, unknown> } }).response;
	const message = response?.data === undefined ? '' : apiErrorMessage(response.data, String(response.headers?.['content-type'] ?? ''));
	const login = `${String(credentials.email ?? '')}:${String(credentials.password ?? '')}`;
	const secrets = [login, Buffer.from(login).toString('base64'), credentials.password, credentials.apiToken, credentials.teamToken]
		.map((secret) => String(secret ?? ''))
		// Too short a secret would blank out ordinary words of the message.
		.filter((secret) => secret.length >= 4);
	return secrets.reduce((text, secret) => text.split(secret).join('[redacted]'), message);
}

/** Loopback hosts: plain http:// to them never leaves the machine (the sandbox, a local proxy). */
function isLoopbackHost(hostname: string): boolean {
	const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
	return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** The Base URL as a URL; throws if it is none. */
export function parsedBaseUrl(baseUrl: unknown): URL {
	const text = normalizeBaseUrl(baseUrl);
	if (!URL.canParse(text)) throw new ThinkeoAuthError(`Base URL "${text}" is not a valid URL, e.g. https://api.thinkeo.io/v1`);
	return new URL(text);
}

/** The password travels in a Basic header, readable by anyone on the path unless TLS protects it. */
export function refusePlainHttpPassword(baseUrl: unknown): void {
	const url = parsedBaseUrl(baseUrl);
	if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
		throw new ThinkeoAuthError(
			`Refusing to send the Thinkeo password over plain http:// to ${url.host}: anyone on the network between n8n and that host could read it. Use an https:// Base URL (plain http:// is only allowed to this machine: localhost, 127.0.0.1 or ::1).`,
		);
	}
}

/** Whom a request of the exchange is sent as: the account (Basic), the stored team token or a pasted API token (Bearer). */
export type SentAs = 'account' | 'token' | 'apiToken';

export interface ExchangeRequest extends Pick<IHttpRequestOptions, 'method' | 'url' | 'qs'> {
	/** Fires when the whole renewal must be over. */
	deadline: AbortSignal;
	/** Bearer token to send instead of the account's Basic auth. */
	token?: string;
	/** The kind of `token`: the stored team token unless told otherwise. */
	tokenKind?: Exclude<SentAs, 'account'>;
}

function slowRequestError(credentials: ICredentialDataDecryptedObject, where: string): ThinkeoAuthError {
	return new ThinkeoAuthError(
		`Thinkeo took too long to answer ${where}: a token exchange must be over within ${EXCHANGE_TIME_LIMIT_MS / 1000} s (all its requests together), and ${where} had not finished by then. Check that ${normalizeBaseUrl(credentials.baseUrl)} is reachable and answers promptly (a proxy that holds the connection open has the same effect), then run the workflow again.`,
	);
}

/**
 * One request of the exchange (or of the credential test), cut at `deadline`: resolves the answer ('' for an empty
 * body), undefined for a Bearer 401, and throws a ThinkeoAuthError for anything else that went wrong.
 */
export async function exchangeRequest(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
	{ deadline, token, tokenKind = 'token', ...options }: ExchangeRequest,
): Promise<unknown> {
	const where = `${options.method} ${options.url.replace(normalizeBaseUrl(credentials.baseUrl), '')}`;
	const answer = helper.helpers.httpRequest({
		...options,
		...(token
			? { headers: { Authorization: `Bearer ${token}` } }
			: { auth: { username: String(credentials.email ?? ''), password: String(credentials.password ?? '') } }),
		json: true,
		// A redirect could carry the password or the token to another origin: none is followed.
		disableFollowRedirect: true,
		// n8n's helper aborts the request and destroys its socket at the deadline, however the body trickles in.
		abortSignal: deadline,
	});
	try {
		// Settles at the deadline even with a helper that ignores the signal.
		return (await beforeDeadline(answer, deadline, () => slowRequestError(credentials, where))) ?? '';
	} catch (error) {
		if (deadline.aborted) throw slowRequestError(credentials, where);
		// A Bearer 401 answers the token check: Thinkeo no longer accepts that token.
		if (token && statusOf(error) === 401) return undefined;
		throw exchangeError(error, credentials, where, token ? tokenKind : 'account');
	}
}

/**
 * What went wrong with one request of the exchange, sent `as` the account (Basic) or the stored token (Bearer), as a
 * message for the user. Returned, not thrown: the caller throws it, and the error never carries the failed request
 * (its Basic header, the password).
 */
function exchangeError(
	error: unknown,
	credentials: ICredentialDataDecryptedObject,
	where: string,
	as: SentAs,
): ThinkeoAuthError {
	const status = statusOf(error);
	if (status !== undefined && REDIRECT_STATUSES.includes(status)) {
		const location = String((error as { response?: { headers?: Record<string, unknown> } }).response?.headers?.location ?? '');
		return new ThinkeoAuthError(
			`Thinkeo answered ${where} with a redirect (HTTP ${status}${location ? ` to ${location}` : ''}). The credential follows no redirect, so the password and the token never leave the Base URL: set the Base URL to the address the API answers on.`,
		);
	}
	if (status === undefined) return new ThinkeoAuthError(describeUnreachable(error, normalizeBaseUrl(credentials.baseUrl), where).message);
	const detail = apiMessageOf(error, credentials);
	// 403: Thinkeo knows who is asking (401 is for credentials it does not accept) and refuses them this request.
	if (status === 403) {
		const said = detail ? ` (Thinkeo said: ${detail})` : '';
		if (as === 'apiToken') {
			return new ThinkeoAuthError(
				`Thinkeo answered HTTP 403 (Forbidden) to ${where} with the API token: the token is valid but lacks permission for that request${said}. A token limited in scope runs only the operations it allows; check its rights in Thinkeo under Team → API.`,
			);
		}
		return new ThinkeoAuthError(
			as === 'token'
				? `Thinkeo answered HTTP 403 (Forbidden) to ${where} with the credential's team token: the token is valid but lacks permission for that request${said}. No new token was created. Check the token's rights in Thinkeo under Team → API; revoking it there makes n8n create a new one.`
				: `Thinkeo answered HTTP 403 (Forbidden) to ${where} for ${String(credentials.email ?? '')}: the email and password were accepted, but the account lacks permission for that request${said}. Ask a Team Administrator of the team for that permission, or for an API token to paste in API Token mode.`,
		);
	}
	if (status === 401) {
		return new ThinkeoAuthError(
			`Thinkeo rejected the email/password for ${String(credentials.email ?? '')} (HTTP ${status} on ${where}). Check the Email and Password of the Thinkeo API credential.`,
		);
	}
	return new ThinkeoAuthError(`Thinkeo could not issue a team token (HTTP ${status} on ${where})${detail ? `: ${detail}` : ''}`);
}

async function resolveTeamId(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
	deadline: AbortSignal,
): Promise<string> {
	const configured = String(credentials.teamId ?? '').trim();
	if (configured) return configured;
	const url = `${normalizeBaseUrl(credentials.baseUrl)}/teams`;
	const answer = teamFromAnswer(await exchangeRequest(helper, credentials, { method: 'GET', url, deadline }), String(credentials.email));
	if ('problem' in answer) throw new ThinkeoAuthError(answer.problem);
	return answer.team;
}

export function tokenExpiration(lifetimeDays: unknown, now: number = Date.now()): string {
	const days = Number(lifetimeDays);
	if (!Number.isFinite(days) || days <= 0 || days > MAX_LIFETIME_DAYS) {
		throw new ThinkeoAuthError(
			`Token Lifetime (Days) must be a number from 1 to ${MAX_LIFETIME_DAYS} (100 years), got "${String(lifetimeDays)}"`,
		);
	}
	return new Date(now + days * 86_400_000).toISOString();
}

async function createTeamToken(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
	deadline: AbortSignal,
): Promise<string> {
	const expiration = tokenExpiration(credentials.lifetimeDays);
	const team = await resolveTeamId(helper, credentials, deadline);
	const created = (await exchangeRequest(helper, credentials, {
		method: 'POST',
		url: `${normalizeBaseUrl(credentials.baseUrl)}/tokens`,
		// Documented: POST /tokens takes its parameters in the query string, not a JSON body.
		qs: { team, name: String(credentials.label || 'n8n'), expiration },
		deadline,
	})) as { token?: string };
	if (!created || typeof created.token !== 'string' || !created.token) {
		throw new ThinkeoAuthError('Thinkeo answered POST /tokens without a token');
	}
	const problem = tokenShapeProblem(created.token);
	if (problem) {
		throw new ThinkeoAuthError(
			`Thinkeo answered POST /tokens with a token n8n cannot use: ${problem}. The token was not stored; Thinkeo lists it under Team → API, where it can be revoked. Run the workflow again to retry, and tell Thinkeo support if this persists.`,
		);
	}
	return created.token;
}

/** Whether Thinkeo still accepts `token` on a cheap Bearer endpoint (GET /teams); a 401 means it does not. */
async function tokenStillWorks(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
	token: string,
	deadline: AbortSignal,
): Promise<boolean> {
	const url = `${normalizeBaseUrl(credentials.baseUrl)}/teams`;
	return (await exchangeRequest(helper, credentials, { method: 'GET', url, token, deadline })) !== undefined;
}

/**
 * The token to use from now on: the held one if Thinkeo still accepts it, else a new one; every request is cut when
 * `deadline` fires.
 */
export async function renewTeamToken(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
	deadline: AbortSignal,
): Promise<string> {
	refusePlainHttpPassword(credentials.baseUrl);
	const held = String(credentials.teamToken ?? '');
	// A malformed token (stored before tokens were checked) is not worth sending: no server could take it.
	if (held && !tokenShapeProblem(held) && (await tokenStillWorks(helper, credentials, held, deadline))) return held;
	return await createTeamToken(helper, credentials, deadline);
}

