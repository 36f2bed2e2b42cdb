/**
 * The setup every end-to-end test shares: the sandbox with its seed (the demo account and its "Demo Report" App),
 * n8n with Thinkeo credentials (e2eFixture starts both and stops them after the file), and calls to the sandbox API
 * outside n8n to check what the node did.
 */
import { apiTokenCredential, emailPasswordCredential } from './credentials';
import { N8n } from './n8n';
import { startSandbox } from './sandbox';
import type { Seed, SeedAccount, SeedApp } from './types';

export type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

/** A credential as the workflows reference it. */
export interface CredentialRef {
	id: string;
	name: string;
}

export { apiTokenCredential, emailPasswordCredential };

/** The started sandbox, its seed, the demo account and the demo account's "Demo Report" App. */
export interface SeededSandbox {
	sandbox: Sandbox;
	seed: Seed;
	demo: SeedAccount;
	demoApp: SeedApp;
}

/** Starts the sandbox and reads its seed, with the demo account and the demo account's "Demo Report" App. */
export async function startSeededSandbox(): Promise<SeededSandbox> {
	const sandbox = await startSandbox();
	const seed = await sandbox.seed();
	const demo = seed.accounts.find((account) => account.email === 'demo@thinkeo.test')!;
	const demoApp = seed.apps.find((app) => app.name === 'Demo Report')!;
	return { sandbox, seed, demo, demoApp };
}

/** A fresh n8n with the package installed and `credentials` imported. */
export async function startN8n(credentials: unknown[]): Promise<N8n> {
	const n8n = await N8n.create();
	await n8n.importCredentials(credentials);
	return n8n;
}

/** What e2eFixture's `start` made: the seeded sandbox, n8n, and the demo account's API token if one was asked for. */
export interface E2eSetup extends SeededSandbox {
	n8n: N8n;
	token: string;
}

/** The credentials to import into n8n, made once the sandbox runs (its URL, its seed, the API token). */
export type CredentialsFor = (setup: SeededSandbox & { token: string }) => unknown[];

/**
 * The sandbox and n8n of one end-to-end file. Call it at the top level of the file (jest takes hooks there only):
 * it registers the teardown, which stops and removes n8n and stops the sandbox, whatever of them was started.
 * - `start` (in beforeAll) starts the seeded sandbox, creates the demo account's team API token named `apiTokenName`
 *   (when given), then starts n8n with the credentials `credentials` makes for them;
 * - `startSandbox` and `startN8n` do the two halves, for a file with more to do in between, or that starts n8n only
 *   in one of its tests.
 */
export function e2eFixture() {
	let sandbox: Sandbox | undefined;
	let n8n: N8n | undefined;
	afterAll(async () => {
		await n8n?.stop();
		n8n?.remove();
		await sandbox?.stop();
	});
	const fixture = {
		async startSandbox(): Promise<SeededSandbox> {
			const seeded = await startSeededSandbox();
			sandbox = seeded.sandbox;
			return seeded;
		},
		async startN8n(credentials: unknown[]): Promise<N8n> {
			n8n = await startN8n(credentials);
			return n8n;
		},
		async start(credentials: CredentialsFor, apiTokenName?: string): Promise<E2eSetup> {
			const seeded = await fixture.startSandbox();
			const token = apiTokenName ? await createApiToken(seeded.sandbox, seeded.demo, apiTokenName) : '';
			return { ...seeded, token, n8n: await fixture.startN8n(credentials({ ...seeded, token })) };
		},
	};
	return fixture;
}

/** The Basic Authorization header of an account. */
export function basicAuth(account: { email: string; password: string }): string {
	return `Basic ${Buffer.from(`${account.email}:${account.password}`).toString('base64')}`;
}

/** Creates a team API token for the account's first team with its email and password (POST /tokens). */
export async function createApiToken(sandbox: Sandbox, account: SeedAccount, name: string): Promise<string> {
	const response = await sandbox.api('POST', `/tokens?team=${account.teamIds[0]}&name=${name}`, {
		headers: { authorization: basicAuth(account) },
	});
	return ((await response.json()) as { token: string }).token;
}

/** For in-process runs: the seeded sandbox, the demo App, and an API token of the demo account named `tokenName`. */
export async function sandboxWithToken(tokenName: string): Promise<{ sandbox: Sandbox; app: SeedApp; token: string }> {
	const { sandbox, demo, demoApp } = await startSeededSandbox();
	return { sandbox, app: demoApp, token: await createApiToken(sandbox, demo, tokenName) };
}

/** For in-process runs: sandboxWithToken, and one publication's ID. */
export async function sandboxWithPublication(tokenName: string): Promise<{ sandbox: Sandbox; token: string; publicationId: string }> {
	const { sandbox, token } = await sandboxWithToken(tokenName);
	const { json } = await callApi(sandbox, `Bearer ${token}`, 'POST', '/publications/query', { limit: 1 });
	return { sandbox, token, publicationId: String((json as Array<{ id: string }>)[0].id) };
}

/**
 * Calls the sandbox API outside n8n, e.g. with the Bearer token n8n used (from the request log), to read the state
 * the node left; `payload` is sent as JSON. Resolves the status and the JSON answer (null for an empty body).
 */
export async function callApi(
	sandbox: Sandbox,
	authorization: string | null,
	method: string,
	path: string,
	payload?: unknown,
): Promise<{ status: number; json: unknown }> {
	const headers: Record<string, string> = authorization ? { authorization } : {};
	if (payload !== undefined) headers['content-type'] = 'application/json';
	const response = await sandbox.api(method, path, {
		headers,
		body: payload === undefined ? undefined : JSON.stringify(payload),
	});
	const text = await response.text();
	return { status: response.status, json: text === '' ? null : (JSON.parse(text) as unknown) };
}

/**
 * An error found in the node's input, before any request: the editor lists an error under "From Thinkeo" (as an
 * answer of Thinkeo's) when it has an HTTP code or messages besides its own message.
 */
export function expectInputError(error: { message?: string; httpCode?: unknown; messages?: unknown[] } | undefined) {
	expect(error?.httpCode ?? null).toBeNull();
	expect((error?.messages ?? []).filter((message) => message !== error?.message)).toEqual([]);
}
