import { createHash } from 'crypto';
import type {
	Icon,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

/**
 * Turns an account's email/password into a team API token (GET /teams, then POST /tokens, both with Basic auth).
 *
 * Every exchange creates a permanent token in the user's team, so exchanges are kept rare:
 * - n8n starts every item's request at once and each one calls preAuthentication while the stored token is empty
 *   or rejected: callers of the same credential join the exchange still running (single-flight, per process).
 * - A caller may reuse a past exchange's result only if that exchange replaced the very token the caller holds. In
 *   queue mode the stored token may have been written by another worker: a token this process has never replaced
 *   gets a new exchange, never the result of an unrelated one (which may be revoked by now).
 * - A rejected token is first checked on GET /teams with Bearer auth. If it still works there, the endpoint that
 *   answered 401 refuses any token (a scope, a proxy, a WAF): the token is kept, no new one is created, and the
 *   node's retry fails with the API's message. Only a token GET /teams rejects too (revoked, expired) is replaced.
 * - No redirect is followed: the password and the token only ever go to the Base URL.
 */

interface TeamSummary {
	id: string;
	name: string;
}

interface Exchange {
	promise: Promise<string>;
	startedAt: number;
	token?: string;
	settledAt?: number;
	failed?: boolean;
	/** The renewal found the token it was asked to replace still valid on GET /teams, and kept it. */
	kept?: boolean;
}

/** Time limit of one renewal: the token check, GET /teams and POST /tokens together. */
export const EXCHANGE_TIME_LIMIT_MS = 30_000;
/** How long a renewal's result is handed to callers that held the token it replaced. */
const REUSE_WINDOW_MS = 60_000;
/**
 * A failure (e.g. a wrong password), or a token kept because GET /teams still accepts it, is shared for a few
 * seconds only: a burst makes one attempt, not one per item, and a token revoked a moment later is not handed out.
 */
const FAILURE_WINDOW_MS = 5_000;
/** Bound of the map of past renewals (one entry per credential and replaced token). */
const MAX_REMEMBERED_EXCHANGES = 1_000;
/** Longest Token Lifetime accepted: 100 years. */
export const MAX_LIFETIME_DAYS = 36_500;

/** Renewals still running, by credential identity. */
const runningExchanges = new Map<string, Exchange>();
/** Renewals by credential identity and the token they replaced, oldest first. */
const pastExchanges = new Map<string, Exchange>();

function normalizeBaseUrl(baseUrl: unknown): string {
	return String(baseUrl ?? '')
		.trim()
		.replace(/\/+$/, '');
}

function credentialIdentity(credentials: ICredentialDataDecryptedObject): string {
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

/** Tokens are secrets: the map's keys hold their hash only. */
function replacedTokenKey(key: string, token: string): string {
	return `${key}:${createHash('sha256').update(token).digest('hex')}`;
}

function isReusable(exchange: Exchange | undefined, now: number): exchange is Exchange {
	if (!exchange || exchange.settledAt === undefined) return false;
	return now - exchange.settledAt < (exchange.failed || exchange.kept ? FAILURE_WINDOW_MS : REUSE_WINDOW_MS);
}

function forgetOldExchanges(now: number): void {
	for (const [replaced, exchange] of pastExchanges) {
		const expired = exchange.settledAt !== undefined && now - exchange.settledAt >= REUSE_WINDOW_MS;
		if (expired || pastExchanges.size > MAX_REMEMBERED_EXCHANGES) pastExchanges.delete(replaced);
	}
}

/**
 * Runs `exchange` for `currentToken` (the token the caller holds, '' for none) unless the caller can share one: the
 * credential's renewal still running (and younger than its time limit), or a recent renewal that replaced this
 * very token (followed along: if its result was replaced since, the newer result).
 */
export async function singleFlight(
	key: string,
	currentToken: string,
	exchange: () => Promise<string>,
	now: () => number = Date.now,
): Promise<string> {
	const running = runningExchanges.get(key);
	if (running && now() - running.startedAt < EXCHANGE_TIME_LIMIT_MS) {
		pastExchanges.set(replacedTokenKey(key, currentToken), running);
		return await running.promise;
	}
	let reusable: Exchange | undefined;
	// A few hops suffice: each one is a renewal of the last minute.
	for (let token = currentToken, hops = 0; hops < 10; hops += 1) {
		const past = pastExchanges.get(replacedTokenKey(key, token));
		if (!isReusable(past, now())) break;
		reusable = past;
		if (past.failed || past.token === undefined || past.token === token) break;
		token = past.token;
	}
	if (reusable) return await reusable.promise;

	const entry: Exchange = {
		startedAt: now(),
		promise: exchange().then(
			(token) => {
				entry.token = token;
				entry.kept = token === currentToken;
				entry.settledAt = now();
				return token;
			},
			(error: unknown) => {
				entry.failed = true;
				entry.settledAt = now();
				throw error;
			},
		),
	};
	// Late joiners of a failed exchange await the same rejected promise; mark it handled for the first settle.
	entry.promise.catch(() => undefined);
	void entry.promise.finally(() => {
		if (runningExchanges.get(key) === entry) runningExchanges.delete(key);
	}).catch(() => undefined);
	runningExchanges.set(key, entry);
	forgetOldExchanges(now());
	pastExchanges.set(replacedTokenKey(key, currentToken), entry);
	return await entry.promise;
}

export function forgetExchanges(): void {
	runningExchanges.clear();
	pastExchanges.clear();
}

/** How many past renewals are remembered (the map is bounded by age and size). */
export function rememberedExchanges(): number {
	return pastExchanges.size;
}

/** An error safe to show: it never carries the request, its Basic header or the password. */
class ThinkeoAuthError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ThinkeoAuthError';
	}
}

function statusOf(error: unknown): number | undefined {
	const candidate = error as { response?: { status?: number }; httpCode?: string; statusCode?: number };
	const status = candidate.response?.status ?? candidate.statusCode ?? Number(candidate.httpCode);
	return Number.isFinite(status) ? status : undefined;
}

function apiMessageOf(error: unknown): string {
	const body = (error as { response?: { data?: unknown } }).response?.data as
		| { error?: { message?: string } | string; message?: string }
		| undefined;
	if (!body || typeof body !== 'object') return '';
	if (typeof body.error === 'object' && body.error?.message) return body.error.message;
	if (typeof body.error === 'string') return body.error;
	return body.message ?? '';
}

function isTimeout(error: unknown): boolean {
	const { code, message } = error as { code?: unknown; message?: unknown };
	return code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /\btimeout\b/i.test(String(message));
}

const REDIRECT_STATUSES = [301, 302, 303, 307, 308];

/** Loopback hosts: plain http:// to them never leaves the machine (the sandbox, a local proxy). */
function isLoopbackHost(hostname: string): boolean {
	const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
	return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** The password travels in a Basic header, readable by anyone on the path unless TLS protects it. */
export function refusePlainHttpPassword(baseUrl: unknown): void {
	let url: URL;
	try {
		url = new URL(normalizeBaseUrl(baseUrl));
	} catch {
		throw new ThinkeoAuthError(`Base URL "${normalizeBaseUrl(baseUrl)}" is not a valid URL, e.g. https://api.thinkeo.io/v1`);
	}
	if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
		throw new ThinkeoAuthError(
			`Refusing to send the Thinkeo password over plain http:// to ${url.host}: anyone on the network between n8n and that host could read it. Use an https:// Base URL (plain http:// is only allowed to this machine: localhost, 127.0.0.1 or ::1).`,
		);
	}
}

interface ExchangeRequest extends Pick<IHttpRequestOptions, 'method' | 'url' | 'qs'> {
	/** When the whole renewal must be over (ms since the epoch). */
	deadline: number;
	/** Bearer token to send instead of the account's Basic auth. */
	token?: string;
}

async function exchangeRequest(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
	{ deadline, token, ...options }: ExchangeRequest,
): Promise<unknown> {
	const email = String(credentials.email ?? '');
	const where = `${options.method} ${options.url.replace(normalizeBaseUrl(credentials.baseUrl), '')}`;
	try {
		return await helper.helpers.httpRequest({
			...options,
			...(token
				? { headers: { Authorization: `Bearer ${token}` } }
				: { auth: { username: email, password: String(credentials.password ?? '') } }),
			json: true,
			// A redirect could carry the password or the token to another origin: none is followed.
			disableFollowRedirect: true,
			timeout: Math.max(1, deadline - Date.now()),
		});
	} catch (error) {
		const status = statusOf(error);
		if (status !== undefined && REDIRECT_STATUSES.includes(status)) {
			const location = String((error as { response?: { headers?: Record<string, unknown> } }).response?.headers?.location ?? '');
			throw new ThinkeoAuthError(
				`Thinkeo answered ${where} with a redirect (HTTP ${status}${location ? ` to ${location}` : ''}). The credential follows no redirect, so the password and the token never leave the Base URL: set the Base URL to the address the API answers on.`,
			);
		}
		if (token && status === 401) return undefined;
		if (status === 401 || status === 403) {
			throw new ThinkeoAuthError(
				`Thinkeo rejected the email/password for ${email} (HTTP ${status} on ${where}). Check the Email and Password of the Thinkeo API credential.`,
			);
		}
		if (status === undefined && isTimeout(error)) {
			throw new ThinkeoAuthError(
				`Thinkeo did not answer ${where} within ${EXCHANGE_TIME_LIMIT_MS / 1000} s, the time limit of a token exchange. Check that ${normalizeBaseUrl(credentials.baseUrl)} is reachable, then run the workflow again.`,
			);
		}
		const detail = apiMessageOf(error);
		throw new ThinkeoAuthError(
			status === undefined
				? `Could not reach Thinkeo at ${normalizeBaseUrl(credentials.baseUrl)} (${where}): ${(error as Error).message}`
				: `Thinkeo could not issue a team token (HTTP ${status} on ${where})${detail ? `: ${detail}` : ''}`,
		);
	}
}

async function resolveTeamId(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
	deadline: number,
): Promise<string> {
	const configured = String(credentials.teamId ?? '').trim();
	if (configured) return configured;
	const url = `${normalizeBaseUrl(credentials.baseUrl)}/teams`;
	const teams = (await exchangeRequest(helper, credentials, { method: 'GET', url, deadline })) as TeamSummary[];
	if (!Array.isArray(teams) || teams.length === 0) {
		throw new ThinkeoAuthError(
			`The Thinkeo account ${String(credentials.email)} belongs to no team, so no team token can be created. Ask a Team Administrator to invite it.`,
		);
	}
	if (teams.length > 1) {
		const choices = teams.map((team) => `${team.name} (${team.id})`).join(', ');
		throw new ThinkeoAuthError(
			`The Thinkeo account ${String(credentials.email)} belongs to ${teams.length} teams. Set Team ID in the credential to one of: ${choices}`,
		);
	}
	return teams[0].id;
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
	deadline: number,
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
	return created.token;
}

/** Whether Thinkeo still accepts `token` on a cheap Bearer endpoint (GET /teams); a 401 means it does not. */
async function tokenStillWorks(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
	token: string,
	deadline: number,
): Promise<boolean> {
	const url = `${normalizeBaseUrl(credentials.baseUrl)}/teams`;
	return (await exchangeRequest(helper, credentials, { method: 'GET', url, token, deadline })) !== undefined;
}

/** The token to use from now on: the held one if Thinkeo still accepts it, else a new one. */
async function renewTeamToken(helper: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<string> {
	refusePlainHttpPassword(credentials.baseUrl);
	const deadline = Date.now() + EXCHANGE_TIME_LIMIT_MS;
	const held = String(credentials.teamToken ?? '');
	if (held && (await tokenStillWorks(helper, credentials, held, deadline))) return held;
	return await createTeamToken(helper, credentials, deadline);
}

export class ThinkeoApi implements ICredentialType {
	name = 'thinkeoApi';

	displayName = 'Thinkeo API';

	icon: Icon = { light: 'file:../nodes/Thinkeo/thinkeo.svg', dark: 'file:../nodes/Thinkeo/thinkeo.dark.svg' };

	documentationUrl = 'https://github.com/thinkeo/n8n-nodes-thinkeo#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{
					name: 'Email & Password',
					value: 'emailPassword',
					description: 'Sign in with your Thinkeo account; n8n creates and renews a team API token for you',
				},
				{
					name: 'API Token',
					value: 'apiToken',
					description: 'Paste a team API token (tkak_…) created in Thinkeo under Team → API',
				},
			],
			default: 'emailPassword',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.thinkeo.io/v1',
			description: 'Root of the Thinkeo API. The public API docs show https://api.thinkeo.io/v0 in their examples.',
		},
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@example.com',
			default: '',
			required: true,
			displayOptions: { show: { authentication: ['emailPassword'] } },
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authentication: ['emailPassword'] } },
		},
		{
			displayName: 'Team ID',
			name: 'teamId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 0193a5b2-…',
			description:
				'Team the API token belongs to. Leave empty if your account is in a single team; with several teams the error message lists their IDs.',
			displayOptions: { show: { authentication: ['emailPassword'] } },
		},
		{
			displayName: 'Token Name',
			name: 'label',
			type: 'string',
			default: 'n8n',
			description: 'Name of the API token n8n creates, as shown in Thinkeo under Team → API',
			displayOptions: { show: { authentication: ['emailPassword'] } },
		},
		{
			displayName: 'Token Lifetime (Days)',
			name: 'lifetimeDays',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_LIFETIME_DAYS },
			default: 90,
			description:
				'How long each created token stays valid (at most 36500 days). n8n creates a new one when Thinkeo rejects the old one everywhere.',
			displayOptions: { show: { authentication: ['emailPassword'] } },
		},
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'tkak_…',
			displayOptions: { show: { authentication: ['apiToken'] } },
		},
		{
			// Filled by preAuthentication and kept (encrypted) in n8n's credential store; never typed by the user.
			displayName: 'Team Token',
			name: 'teamToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		// n8n calls this while teamToken is empty and again after a 401; API Token mode has nothing to exchange.
		if (credentials.authentication === 'apiToken') return {};
		const held = String(credentials.teamToken ?? '');
		return { teamToken: await singleFlight(credentialIdentity(credentials), held, async () => await renewTeamToken(this, credentials)) };
	}

	// A function rather than an expression: it runs for every request, and n8n's expression engine costs more.
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const token = credentials.authentication === 'apiToken' ? credentials.apiToken : credentials.teamToken;
		return { ...requestOptions, headers: { ...requestOptions.headers, Authorization: `Bearer ${String(token)}` } };
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ $credentials.baseUrl.replace(/\\/+$/, "") }}',
			url: '/teams',
			method: 'GET',
			disableFollowRedirect: true,
		},
	};
}
