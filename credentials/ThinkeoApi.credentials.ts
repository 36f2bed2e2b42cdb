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
 * n8n starts every item's request at once and each one calls preAuthentication while the stored token is empty
 * or rejected, so without sharing, 100 items would create 100 permanent tokens in the user's team. Exchanges are
 * therefore single-flight per credential identity: concurrent callers join the running exchange, and callers that
 * still hold an older token than the last exchange produced reuse its result for a short while.
 */

interface TeamSummary {
	id: string;
	name: string;
}

interface Exchange {
	promise: Promise<string>;
	token?: string;
	settledAt?: number;
	failed?: boolean;
}

const REUSE_WINDOW_MS = 60_000;
/** A failure (e.g. a wrong password) is shared for a few seconds, so a burst makes one attempt, not one per item. */
const FAILURE_WINDOW_MS = 5_000;
const exchanges = new Map<string, Exchange>();

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

/** Runs `exchange` at most once per burst for the same credential; `currentToken` is the token the caller holds. */
export async function singleFlight(
	key: string,
	currentToken: string,
	exchange: () => Promise<string>,
	now: () => number = Date.now,
): Promise<string> {
	const previous = exchanges.get(key);
	if (previous) {
		if (previous.settledAt === undefined) return await previous.promise;
		const age = now() - previous.settledAt;
		if (previous.failed && age < FAILURE_WINDOW_MS) return await previous.promise;
		// The caller's token is older than the one just issued: it belongs to the same burst, so share the result.
		// If the caller already holds that token, the API has rejected it and a new exchange is needed.
		if (!previous.failed && previous.token !== currentToken && age < REUSE_WINDOW_MS) {
			return await previous.promise;
		}
	}
	const entry: Exchange = {
		promise: exchange().then(
			(token) => {
				entry.token = token;
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
	exchanges.set(key, entry);
	return await entry.promise;
}

export function forgetExchanges(): void {
	exchanges.clear();
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

async function basicRequest(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
	options: Pick<IHttpRequestOptions, 'method' | 'url' | 'qs'>,
): Promise<unknown> {
	const email = String(credentials.email ?? '');
	const where = `${options.method} ${options.url.replace(normalizeBaseUrl(credentials.baseUrl), '')}`;
	try {
		return await helper.helpers.httpRequest({
			...options,
			auth: { username: email, password: String(credentials.password ?? '') },
			json: true,
		});
	} catch (error) {
		const status = statusOf(error);
		if (status === 401 || status === 403) {
			throw new ThinkeoAuthError(
				`Thinkeo rejected the email/password for ${email} (HTTP ${status} on ${where}). Check the Email and Password of the Thinkeo API credential.`,
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

async function resolveTeamId(helper: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<string> {
	const configured = String(credentials.teamId ?? '').trim();
	if (configured) return configured;
	const url = `${normalizeBaseUrl(credentials.baseUrl)}/teams`;
	const teams = (await basicRequest(helper, credentials, { method: 'GET', url })) as TeamSummary[];
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
	if (!Number.isFinite(days) || days <= 0) {
		throw new ThinkeoAuthError(`Token Lifetime (Days) must be a positive number, got "${String(lifetimeDays)}"`);
	}
	return new Date(now + days * 86_400_000).toISOString();
}

async function createTeamToken(helper: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<string> {
	refusePlainHttpPassword(credentials.baseUrl);
	const expiration = tokenExpiration(credentials.lifetimeDays);
	const team = await resolveTeamId(helper, credentials);
	const created = (await basicRequest(helper, credentials, {
		method: 'POST',
		url: `${normalizeBaseUrl(credentials.baseUrl)}/tokens`,
		// Documented: POST /tokens takes its parameters in the query string, not a JSON body.
		qs: { team, name: String(credentials.label || 'n8n'), expiration },
	})) as { token?: string };
	if (!created || typeof created.token !== 'string' || !created.token) {
		throw new ThinkeoAuthError('Thinkeo answered POST /tokens without a token');
	}
	return created.token;
}

async function exchangeTeamToken(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<string> {
	return await singleFlight(credentialIdentity(credentials), String(credentials.teamToken ?? ''), async () =>
		await createTeamToken(helper, credentials),
	);
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
			typeOptions: { minValue: 1 },
			default: 90,
			description: 'How long each created token stays valid. n8n creates a new one when Thinkeo rejects the old one.',
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
		return { teamToken: await exchangeTeamToken(this, credentials) };
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
		},
	};
}
