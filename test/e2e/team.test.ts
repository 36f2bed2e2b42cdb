/**
 * Team administration inside a real n8n 2.41.1 against the Thinkeo sandbox: user groups, members, API tokens, the
 * current user, billing and limits, account sessions (/auth/*) and the OpenAPI document. Each workflow chains the
 * operations of one resource; assertions read n8n's output items and the sandbox's request log.
 */
import type { Sandbox } from '../support/e2e';
import { basicAuth, callApi, e2eFixture, emailPasswordCredential } from '../support/e2e';
import type { N8n } from '../support/n8n';
import type { Json, LoggedRequest, Seed, SeedAccount, SeedApp } from '../support/types';
import { byId, chain, thinkeo } from '../support/workflows';

jest.setTimeout(180_000);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DEMO = { id: 'thinkeoTeamE2e01', name: 'Thinkeo team e2e' };
const once = { executeOnce: true };

let sandbox: Sandbox;
let n8n: N8n;
let seed: Seed;
let demo: SeedAccount;
let demoApp: SeedApp;
let alice: string;
let bob: string;

const json = (run: Awaited<ReturnType<N8n['execute']>>, node: string) => run.output(node).map((item) => item.json as Json);
const body = (request: LoggedRequest) => (request.bodyText === null ? null : (JSON.parse(request.bodyText) as Json));
const calls = (requests: LoggedRequest[]) => requests.map((r) => `${r.method} ${r.path} ${r.status}`);

/** Calls the sandbox API with a Bearer token, e.g. the one n8n used (taken from the request log). */
const apiAs = (authorization: string | null, method: string, path: string, payload?: unknown) =>
	callApi(sandbox, authorization, method, path, payload);

const ids = (list: unknown) => (list as Json[]).map((entry) => entry.id);

async function bearerUsedByN8n(): Promise<string> {
	const requests = await sandbox.requests();
	const viaBearer = requests.filter((r) => r.auth.scheme === 'bearer' && r.status < 400);
	return viaBearer[viaBearer.length - 1].authorization!;
}

const e2e = e2eFixture();

beforeAll(async () => {
	({ sandbox, seed, demo, demoApp, n8n } = await e2e.start((setup) => [
		emailPasswordCredential(DEMO, setup.sandbox.apiUrl, setup.demo, 'n8n team e2e'),
	]));
	// Seeded Demo Team members (see test/conformance/fixtures/teamGroup.js): [3] Alice, [4] Bob.
	[alice, bob] = [seed.collections.users[3], seed.collections.users[4]];

	const group = (name: string, parameters: Json, extra: Json = {}) =>
		thinkeo(name, DEMO, { resource: 'teamGroup', ...parameters }, extra);
	const createdGroup = byId("={{ $('Create Group').first().json.id }}");
	const member = (name: string, parameters: Json, extra: Json = {}) =>
		thinkeo(name, DEMO, { resource: 'teamMember', ...parameters }, extra);
	const team = (name: string, parameters: Json) => thinkeo(name, DEMO, { resource: 'team', ...parameters });
	const account = (name: string, parameters: Json) => thinkeo(name, DEMO, { resource: 'account', ...parameters });

	await n8n.importWorkflows([
		chain('wfTeamGroups0001', 'Team groups', [
			group('Create Group', {
				operation: 'create',
				name: 'E2E group',
				additionalFields: { description: 'Made by the e2e test' },
			}),
			group('Update Group', {
				operation: 'update',
				groupId: byId('={{ $json.id }}'),
				updateFields: { name: 'E2E group (renamed)' },
			}),
			group('Add Apps', { operation: 'addApps', groupId: createdGroup, appIds: demoApp.id }),
			group('Get Apps', { operation: 'getApps', groupId: createdGroup, returnAll: true }, once),
			group('Remove App', { operation: 'removeApp', groupId: createdGroup, appId: byId(demoApp.id) }, once),
			group('Add Users', { operation: 'addUsers', groupId: createdGroup, userIds: `${alice},\n${bob}` }, once),
			group('Get Users', { operation: 'getUsers', groupId: createdGroup, returnAll: true }, once),
			group('Remove User', { operation: 'removeUser', groupId: createdGroup, userId: byId(bob) }, once),
			group('Get Groups', { operation: 'getMany', returnAll: true }, once),
			group('Delete Group', { operation: 'delete', groupId: createdGroup }, once),
		]),
		chain('wfGroupBadIds01', 'Group with invalid user IDs', [
			group('Add Users', {
				operation: 'addUsers',
				groupId: byId(seed.collections.teamGroups[0]),
				userIds: `${alice}, not-a-uuid, 123`,
			}),
		]),
		chain('wfTeamMembers001', 'Team members', [
			member('Invite', { operation: 'invite', email: 'E2E.Member@example.com', role: 'User' }),
			member('Update Role', { operation: 'updateRole', userId: byId('={{ $json.id }}'), role: 'Architect' }),
			member('Get Members', { operation: 'getMany', returnAll: true }, once),
			member('Remove', { operation: 'remove', userId: byId("={{ $('Invite').first().json.id }}") }, once),
		]),
		chain('wfTokens00000001', 'Tokens', [
			thinkeo('Create Token', DEMO, { resource: 'token', operation: 'create', name: 'e2e revoke me' }),
			thinkeo('Get Tokens', DEMO, { resource: 'token', operation: 'getMany', returnAll: true }),
			thinkeo(
				'Delete Token',
				DEMO,
				{ resource: 'token', operation: 'delete', tokenId: byId("={{ $('Create Token').first().json.id }}") },
				once,
			),
		]),
		chain('wfUserMe00000001', 'Current user and API document', [
			thinkeo('Get Me', DEMO, { resource: 'user', operation: 'getMe' }),
			thinkeo('Update Me', DEMO, {
				resource: 'user',
				operation: 'updateMe',
				updateFields: { name: 'Demo E2E', language: 'fr' },
			}),
			thinkeo('Get Me Again', DEMO, { resource: 'user', operation: 'getMe' }),
			thinkeo('OpenAPI', DEMO, { resource: 'api', operation: 'getOpenApi' }),
		]),
		chain('wfTeamBilling001', 'Team billing', [
			team('Current Team', { operation: 'getCurrent' }),
			team('Billing', { operation: 'getBilling' }),
			team('Set Limits', { operation: 'setLimits', updateFields: { creditLimit: 2500, alertThreshold: 90 } }),
			team('Set App Limit', { operation: 'setAppLimit', appId: byId(demoApp.id), creditLimit: 100 }),
			team('Get Limits', { operation: 'getLimits' }),
			team('Billing Again', { operation: 'getBilling' }),
			team('Billing Report', { operation: 'getBillingReport' }),
			thinkeo('Logs', DEMO, { resource: 'team', operation: 'getLogs', returnAll: false, limit: 3 }),
		]),
		chain('wfAccount0000001', 'Account session', [
			account('Login', {
				operation: 'login',
				email: demo.email,
				password: demo.password,
				additionalFields: { rememberMe: true },
			}),
			account('Refresh', { operation: 'refresh', refreshToken: '={{ $json.refreshToken }}' }),
			account('Logout', { operation: 'logout', refreshToken: '={{ $json.refreshToken }}' }),
		]),
		chain('wfAccountWrong01', 'Login with a wrong password', [
			account('Login', { operation: 'login', email: demo.email, password: `${demo.password}-typo` }),
		]),
		chain('wfTeamCreate0001', 'Create a team', [team('Create Team', { operation: 'create', name: 'E2E Second Team' })]),
	]);
}, 300_000);

describe('team groups', () => {
	it('creates, updates, shares Apps and users with, lists and deletes a group', async () => {
		await sandbox.clearRequests();
		const run = await n8n.execute('wfTeamGroups0001');
		expect(run.error).toBeUndefined();
		expect(run.code).toBe(0);

		const [created] = json(run, 'Create Group');
		expect(created).toMatchObject({ name: 'E2E group', description: 'Made by the e2e test', teamId: demo.teamIds[0] });
		const groupId = String(created.id);
		expect(groupId).toMatch(UUID);
		expect(json(run, 'Update Group')).toEqual([expect.objectContaining({ id: groupId, name: 'E2E group (renamed)' })]);
		expect(json(run, 'Add Apps').map((app) => app.id)).toEqual([demoApp.id]);
		expect(json(run, 'Get Apps').map((app) => app.name)).toEqual([demoApp.name]);
		expect(json(run, 'Remove App')).toEqual([{ deleted: true, id: demoApp.id }]);
		expect(json(run, 'Add Users').map((user) => user.id)).toEqual([alice, bob]);
		expect(json(run, 'Get Users').map((user) => user.email)).toEqual(['alice@thinkeo.test', 'bob@thinkeo.test']);
		expect(json(run, 'Remove User')).toEqual([{ deleted: true, id: bob }]);
		const listed = json(run, 'Get Groups');
		expect(listed.map((g) => g.name)).toEqual(['Reviewers', 'Sales', 'E2E group (renamed)']);
		// What the list says about the new group reflects every change of the chain.
		expect(listed[2]).toMatchObject({ id: groupId, appIds: [], userIds: [alice] });
		expect(json(run, 'Delete Group')).toEqual([{ deleted: true, id: groupId }]);

		const requests = await sandbox.requests();
		const path = `/teams/groups/${groupId}`;
		const groupCalls = requests.filter((r) => r.path.startsWith('/teams/groups'));
		expect(calls(groupCalls)).toEqual([
			'POST /teams/groups 200',
			`PUT ${path} 200`,
			`POST ${path}/apps 200`,
			`GET ${path}/apps 200`,
			`DELETE ${path}/apps/${demoApp.id} 200`,
			`POST ${path}/users 200`,
			`GET ${path}/users 200`,
			`DELETE ${path}/users/${bob} 200`,
			'GET /teams/groups 200',
			`DELETE ${path} 200`,
		]);
		expect(body(groupCalls[0])).toEqual({ name: 'E2E group', description: 'Made by the e2e test' });
		expect(body(groupCalls[1])).toEqual({ name: 'E2E group (renamed)' });
		expect(body(groupCalls[2])).toEqual({ appIds: [demoApp.id] });
		expect(body(groupCalls[5])).toEqual({ userIds: [alice, bob] });

		const gone = await apiAs(groupCalls[0].authorization!, 'GET', `${path}/apps`);
		expect(gone.status).toBe(404);
	});

	it('refuses invalid user IDs before sending anything, naming them', async () => {
		await sandbox.clearRequests();
		const run = await n8n.execute('wfGroupBadIds01');
		expect(run.code).not.toBe(0);
		expect(run.stdout + run.stderr).toContain('User IDs: "not-a-uuid", "123" are not valid user IDs');
		const requests = await sandbox.requests();
		expect(requests.filter((r) => r.path.startsWith('/teams/groups'))).toEqual([]);
	});
});

describe('team members', () => {
	it('invites a member, changes the role, lists the members and removes the member', async () => {
		await sandbox.clearRequests();
		const run = await n8n.execute('wfTeamMembers001');
		expect(run.error).toBeUndefined();
		expect(run.code).toBe(0);

		const [invited] = json(run, 'Invite');
		expect(invited).toMatchObject({ email: 'e2e.member@example.com', role: 'User', status: 'invited' });
		const userId = String(invited.id);
		expect(userId).toMatch(UUID);
		expect(json(run, 'Update Role')).toEqual([expect.objectContaining({ id: userId, role: 'Architect' })]);
		const members = json(run, 'Get Members');
		expect(members.map((m) => `${m.email} ${m.role}`)).toEqual([
			'demo@thinkeo.test Administrator',
			'alice@thinkeo.test Architect',
			'bob@thinkeo.test User',
			'carol@thinkeo.test User',
			'e2e.member@example.com Architect',
		]);
		expect(json(run, 'Remove')).toEqual([{ deleted: true, id: userId }]);

		const requests = await sandbox.requests();
		const memberCalls = requests.filter((r) => r.path.startsWith('/teams/users'));
		expect(calls(memberCalls)).toEqual([
			'POST /teams/users 200',
			`PUT /teams/users/${userId} 200`,
			'GET /teams/users 200',
			`DELETE /teams/users/${userId} 200`,
		]);
		expect(body(memberCalls[0])).toEqual({ email: 'E2E.Member@example.com', role: 'User' });
		expect(body(memberCalls[1])).toEqual({ role: 'Architect' });

		const after = await apiAs(memberCalls[0].authorization!, 'GET', '/teams/users');
		expect(ids(after.json)).not.toContain(userId);
	});
});

describe('tokens', () => {
	it('lists tokens without secrets and revokes one, which Thinkeo then rejects', async () => {
		await sandbox.clearRequests();
		const run = await n8n.execute('wfTokens00000001');
		expect(run.error).toBeUndefined();
		expect(run.code).toBe(0);

		const [created] = json(run, 'Create Token');
		expect(String(created.token)).toMatch(/^tkak_/);
		const listed = json(run, 'Get Tokens');
		expect(listed.map((token) => token.id)).toContain(created.id);
		expect(listed.filter((token) => 'token' in token)).toEqual([]);
		expect(json(run, 'Delete Token')).toEqual([{ deleted: true, id: created.id }]);

		const requests = await sandbox.requests();
		expect(calls(requests.filter((r) => r.path.startsWith('/tokens/')))).toEqual([`DELETE /tokens/${created.id} 200`]);
		const rejected = await apiAs(`Bearer ${String(created.token)}`, 'GET', '/teams');
		expect(rejected.status).toBe(401);
		expect(JSON.stringify(rejected.json)).toContain('revoked');
		const remaining = await apiAs(await bearerUsedByN8n(), 'GET', '/tokens');
		expect(ids(remaining.json)).not.toContain(created.id);
	});
});

describe('current user and API document', () => {
	it('reads the profile, updates it and reads the change back, then gets the OpenAPI document as one item', async () => {
		await sandbox.clearRequests();
		const run = await n8n.execute('wfUserMe00000001');
		expect(run.error).toBeUndefined();
		expect(run.code).toBe(0);
		const [before] = json(run, 'Get Me');
		expect(before).toMatchObject({ email: demo.email, name: 'Demo User', language: 'en' });
		expect(before).not.toHaveProperty('password');
		expect(json(run, 'Update Me')).toEqual([expect.objectContaining({ name: 'Demo E2E', language: 'fr' })]);
		expect(json(run, 'Get Me Again')).toEqual([expect.objectContaining({ id: before.id, name: 'Demo E2E', language: 'fr' })]);

		const output = json(run, 'OpenAPI');
		expect(output).toHaveLength(1);
		const [document] = output;
		expect(document).toMatchObject({ openapi: expect.stringMatching(/^3\./), info: { title: 'Thinkeo API (sandbox)' } });
		expect(Object.keys(document.paths as Json)).toEqual(
			expect.arrayContaining(['/teams/groups/{group_id}/apps', '/auth/login', '/docs/openapi.json']),
		);

		const requests = await sandbox.requests();
		expect(calls(requests.filter((r) => r.auth.scheme === 'bearer'))).toEqual([
			'GET /users/me 200',
			'PUT /users/me 200',
			'GET /users/me 200',
			'GET /docs/openapi.json 200',
		]);
		expect(body(requests.find((r) => r.method === 'PUT')!)).toEqual({ name: 'Demo E2E', language: 'fr' });
	});
});

describe('team billing', () => {
	it('reads the current team and its billing, sets limits and reads them back', async () => {
		await sandbox.clearRequests();
		const run = await n8n.execute('wfTeamBilling001');
		expect(run.error).toBeUndefined();
		expect(run.code).toBe(0);

		expect(json(run, 'Current Team')).toEqual([expect.objectContaining({ id: demo.teamIds[0], name: 'Demo Team' })]);
		const [billing] = json(run, 'Billing');
		// The documented TeamBilling shape.
		expect(Object.keys(billing).sort()).toEqual(
			['credits', 'creditsCeiling', 'customerMetadata', 'periodEnd', 'periodStart', 'state', 'stripeCustomerId', 'subscription'].sort(),
		);
		expect(billing).toMatchObject({ creditsCeiling: 10000, state: 'can', stripeCustomerId: 'cus_SandboxDemo01' });
		expect(Number.isInteger(billing.credits)).toBe(true);

		expect(json(run, 'Set Limits')).toEqual([expect.objectContaining({ creditLimit: 2500, alertThreshold: 90 })]);
		expect(json(run, 'Set App Limit')).toEqual([expect.objectContaining({ appId: demoApp.id, creditLimit: 100 })]);
		expect(json(run, 'Get Limits')).toEqual([
			expect.objectContaining({
				creditLimit: 2500,
				alertThreshold: 90,
				apps: [expect.objectContaining({ appId: demoApp.id, creditLimit: 100 })],
			}),
		]);
		expect(json(run, 'Billing Again')).toEqual([expect.objectContaining({ creditsCeiling: 2500, credits: billing.credits })]);
		expect(json(run, 'Billing Report')).toEqual([expect.objectContaining({ credits: billing.credits })]);
		const logs = json(run, 'Logs');
		expect(logs).toHaveLength(3);
		expect(logs.slice(0, 2).map((entry) => entry.action).sort()).toEqual(['billing.appLimit.update', 'billing.limits.update']);

		const requests = await sandbox.requests();
		expect(calls(requests.filter((r) => r.auth.scheme === 'bearer'))).toEqual([
			'GET /teams/current 200',
			'GET /teams/billing 200',
			'PUT /teams/billing/limits 200',
			`PUT /teams/billing/limits/apps/${demoApp.id} 200`,
			'GET /teams/billing/limits 200',
			'GET /teams/billing 200',
			'GET /teams/billing/report 200',
			'GET /teams/logs 200',
		]);
		expect(body(requests.find((r) => r.path === '/teams/billing/limits' && r.method === 'PUT')!)).toEqual({
			creditLimit: 2500,
			alertThreshold: 90,
		});
		expect(body(requests.find((r) => r.path.startsWith('/teams/billing/limits/apps/'))!)).toEqual({ creditLimit: 100 });
	});
});

describe('account sessions', () => {
	it('logs in, refreshes and logs out; both sessions tokens stop working and no output holds the password', async () => {
		await sandbox.clearRequests();
		const run = await n8n.execute('wfAccount0000001');
		expect(run.error).toBeUndefined();
		expect(run.code).toBe(0);

		const [session] = json(run, 'Login');
		expect(Object.keys(session).sort()).toEqual(['accessToken', 'refreshToken']);
		expect(String(session.accessToken)).toMatch(/^tkat_/);
		const [refreshed] = json(run, 'Refresh');
		expect(String(refreshed.accessToken)).toMatch(/^tkat_/);
		expect(refreshed.refreshToken).not.toBe(session.refreshToken);
		expect(json(run, 'Logout')).toEqual([{ loggedOut: true }]);

		const requests = await sandbox.requests();
		const authCalls = requests.filter((r) => r.path.startsWith('/auth/'));
		expect(calls(authCalls)).toEqual(['POST /auth/login 200', 'POST /auth/refresh 200', 'POST /auth/logout 200']);
		expect(body(authCalls[0])).toEqual({ email: demo.email, password: demo.password, rememberMe: true });
		expect(body(authCalls[1])).toEqual({ refreshToken: session.refreshToken });
		expect(body(authCalls[2])).toEqual({ refreshToken: refreshed.refreshToken });
		// Logout authenticates with the credential's team token, not with the session.
		expect(authCalls[2].authorization).toMatch(/^Bearer tkak_/);

		// A live session token works on the API; the ended ones do not.
		const live = (await apiAs(null, 'POST', '/auth/login', { email: demo.email, password: demo.password })).json as Json;
		expect((await apiAs(`Bearer ${String(live.accessToken)}`, 'GET', '/users/me')).status).toBe(200);
		expect((await apiAs(`Bearer ${String(refreshed.accessToken)}`, 'GET', '/users/me')).status).toBe(401);
		expect((await apiAs(`Bearer ${String(session.accessToken)}`, 'GET', '/users/me')).status).toBe(401);
		const reused = await apiAs(null, 'POST', '/auth/refresh', { refreshToken: refreshed.refreshToken });
		expect(reused.status).toBe(401);

		expect(JSON.stringify(run.runData)).not.toContain(demo.password);
		expect(run.stdout + run.stderr).not.toContain(demo.password);
	});
});

describe('account login failure', () => {
	it("reports Thinkeo's message for a wrong password without renewing the credential's token", async () => {
		await sandbox.clearRequests();
		const run = await n8n.execute('wfAccountWrong01');
		expect(run.code).not.toBe(0);
		expect(run.stdout + run.stderr).toContain('Thinkeo rejected account login (HTTP 401): Invalid email or password');
		// The 401 is about the email/password in the body: no token exchange, no retry.
		const requests = await sandbox.requests();
		expect(calls(requests)).toEqual(['POST /auth/login 401']);
	});
});

describe('team creation', () => {
	// Last: afterwards the demo account belongs to two teams, so a new email/password exchange would need a Team ID.
	it('creates a team that the account then lists with its email and password', async () => {
		await sandbox.clearRequests();
		const run = await n8n.execute('wfTeamCreate0001');
		expect(run.code).toBe(0);
		const [created] = json(run, 'Create Team');
		expect(created).toMatchObject({ name: 'E2E Second Team' });
		expect(String(created.id)).toMatch(UUID);
		const [request] = await sandbox.requests({ method: 'POST', path: '/teams' });
		expect(body(request)).toEqual({ name: 'E2E Second Team' });

		const teams = await apiAs(basicAuth(demo), 'GET', '/teams');
		expect((teams.json as Json[]).map((t) => t.name)).toEqual(['Demo Team', 'E2E Second Team']);
	});
});
