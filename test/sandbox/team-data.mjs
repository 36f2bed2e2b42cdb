// Records shared by the team, user and auth route modules (routes/teams.mjs, users.mjs, auth.mjs): user
// profiles, team memberships, the team activity log and billing. The reference documents none of these shapes
// except TeamBilling, so the rest is the sandbox's own reasonable guess, kept consistent across the modules.
import { randomUUID } from 'node:crypto';

import { ApiError } from './http-utils.mjs';
import { ACCOUNTS, DEMO_ACCOUNT, DEMO_APP, DEMO_TEAM, MULTI_ACCOUNT, ALPHA_TEAM, BETA_TEAM } from './seed.mjs';

/** Team roles on the platform (documented in the platform guide). */
export const ROLES = ['User', 'Architect', 'Administrator'];

// Collections (store.collection(name)); their keys are listed by GET /_sandbox/seed.
export const USERS = 'users'; // id → {id, email, name, language, createdAt, updatedAt}
export const MEMBERS = 'teamMembers'; // membership id → {id, teamId, userId, role, status, invitedAt, joinedAt}
export const GROUPS = 'teamGroups'; // id → {id, teamId, name, description, appIds, userIds, createdAt, updatedAt}
export const LOGS = 'teamLogs'; // id → {id, teamId, createdAt, actor, action, target, details}
export const BILLING = 'teamBilling'; // team id → billing state, limits and per-App limits

/** Seeded people besides the three seed.mjs accounts: members of the Demo Team who cannot log in. */
export const ALICE = { id: '0192f0b1-0001-7000-8000-000000000011', email: 'alice@thinkeo.test', name: 'Alice Architect' };
export const BOB = { id: '0192f0b1-0001-7000-8000-000000000012', email: 'bob@thinkeo.test', name: 'Bob User' };
export const CAROL = { id: '0192f0b1-0001-7000-8000-000000000013', email: 'carol@thinkeo.test', name: null };

export const REVIEWERS_GROUP_ID = '0192f0b1-0003-7000-8000-000000000031';
export const SALES_GROUP_ID = '0192f0b1-0003-7000-8000-000000000032';
export const ALPHA_GROUP_ID = '0192f0b1-0003-7000-8000-000000000033';

const SEEDED_AT = '2025-01-15T09:00:00.000Z';

/** Rejects properties a body may not carry, naming them and the allowed ones. */
export function allowOnly(payload, allowed, what) {
	const unknown = Object.keys(payload).filter((key) => !allowed.includes(key));
	if (unknown.length > 0) {
		throw new ApiError(
			400,
			`Unknown propert${unknown.length > 1 ? 'ies' : 'y'} ${unknown.map((key) => `"${key}"`).join(', ')} in the ${what}; allowed: ${allowed.join(', ')}`,
		);
	}
}

/** A required or optional non-empty string property of a body (trimmed). */
export function stringProperty(payload, key, { required = false, max = 200 } = {}) {
	const value = payload[key];
	if (value === undefined || value === null) {
		if (required) throw new ApiError(400, `"${key}" is required`);
		return value;
	}
	if (typeof value !== 'string' || value.trim() === '') {
		throw new ApiError(400, `"${key}" must be a non-empty string`);
	}
	if (value.length > max) throw new ApiError(400, `"${key}" must be at most ${max} characters`);
	return value.trim();
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function emailProperty(payload, key = 'email') {
	const value = stringProperty(payload, key, { required: true, max: 254 });
	if (!EMAIL.test(value)) throw new ApiError(400, `"${key}" must be an email address, got "${value}"`);
	return value.toLowerCase();
}

/** An integer ≥ 0, or null (no limit); `undefined` when absent. */
export function limitProperty(payload, key) {
	const value = payload[key];
	if (value === undefined || value === null) return value;
	if (!Number.isInteger(value) || value < 0) {
		throw new ApiError(400, `"${key}" must be a non-negative integer, or null for no limit; got ${JSON.stringify(value)}`);
	}
	return value;
}

// ---------------------------------------------------------------------------------------------- people

/** The public shape of a user (never the password). */
export function userView(user) {
	const { id, email, name, language, createdAt, updatedAt } = user;
	return { id, email, name, language, createdAt, updatedAt };
}

export function userByEmail(store, email) {
	return [...store.collection(USERS).values()].find((user) => user.email === email.toLowerCase());
}

/** The profile of the account behind a principal (created on first use for accounts added at run time). */
export function profileOf(store, account) {
	const users = store.collection(USERS);
	let user = users.get(account.id);
	if (!user) {
		user = { id: account.id, email: account.email, name: null, language: 'en', createdAt: SEEDED_AT, updatedAt: SEEDED_AT };
		users.set(user.id, user);
	}
	return user;
}

export function addUser(store, { id = randomUUID(), email, name = null, language = 'en', at = new Date().toISOString() }) {
	const user = { id, email: email.toLowerCase(), name, language, createdAt: at, updatedAt: at };
	store.collection(USERS).set(id, user);
	return user;
}

export function membershipsOf(store, teamId) {
	return [...store.collection(MEMBERS).values()].filter((member) => member.teamId === teamId);
}

export function membership(store, teamId, userId) {
	return membershipsOf(store, teamId).find((member) => member.userId === userId.toLowerCase());
}

export function addMembership(store, { id = randomUUID(), teamId, userId, role, status = 'active', at = new Date().toISOString() }) {
	const record = { id, teamId, userId, role, status, invitedAt: at, joinedAt: status === 'active' ? at : null };
	store.collection(MEMBERS).set(id, record);
	return record;
}

/** A member as the API shows it: the user's id, email and name with the membership's role and status. */
export function memberView(store, member) {
	const user = store.collection(USERS).get(member.userId);
	return {
		id: member.userId,
		teamId: member.teamId,
		email: user?.email ?? null,
		name: user?.name ?? null,
		role: member.role,
		status: member.status,
		invitedAt: member.invitedAt,
		joinedAt: member.joinedAt,
	};
}

/** 403 unless the caller is an Administrator of its team (team tokens act for the account that created them). */
export function requireAdministrator(store, principal, what) {
	const own = principal.account ? membership(store, principal.teamId, principal.account.id) : undefined;
	if (own && own.role !== 'Administrator') {
		throw new ApiError(403, `Only Team Administrators can ${what}; ${principal.account.email} is ${own.role}`);
	}
}

// ---------------------------------------------------------------------------------------------- log

export function actorOf(principal) {
	return principal?.account ? { id: principal.account.id, email: principal.account.email } : null;
}

/** Appends one entry to a team's activity log (GET /teams/logs lists them newest first). */
export function logEvent(store, teamId, principal, action, target, details = null, at = new Date().toISOString()) {
	const entry = { id: randomUUID(), teamId, createdAt: at, actor: actorOf(principal), action, target, details };
	store.collection(LOGS).set(entry.id, entry);
	return entry;
}

// ---------------------------------------------------------------------------------------------- billing

export function defaultBilling(team) {
	return {
		teamId: team.id,
		baseCredits: 0,
		creditsCeiling: null,
		customerMetadata: {},
		periodStart: null,
		periodEnd: null,
		state: 'can',
		stripeCustomerId: team.stripeCustomerId ?? '',
		subscription: null,
		alertThreshold: null,
		appLimits: {},
		// Usage seeded before the sandbox started, per App id: {publications, credits}.
		seededUsage: {},
	};
}

export function billingOf(store, teamId) {
	const billing = store.collection(BILLING);
	if (!billing.has(teamId)) billing.set(teamId, defaultBilling(store.teams.get(teamId) ?? { id: teamId }));
	return billing.get(teamId);
}

/** Credits used per App in the current period: the seeded usage plus 1 credit per publication made since. */
export function usageByApp(store, teamId) {
	const billing = billingOf(store, teamId);
	const usage = new Map(Object.entries(billing.seededUsage).map(([appId, entry]) => [appId, { ...entry }]));
	for (const publication of store.publications.values()) {
		if (publication.teamId !== teamId) continue;
		const entry = usage.get(publication.appId) ?? { publications: 0, credits: 0 };
		entry.publications += 1;
		entry.credits += 1;
		usage.set(publication.appId, entry);
	}
	return usage;
}

/** The documented TeamBilling shape. */
export function billingView(store, teamId) {
	const billing = billingOf(store, teamId);
	const used = [...usageByApp(store, teamId).values()].reduce((sum, entry) => sum + entry.credits, 0);
	return {
		credits: billing.baseCredits + used,
		creditsCeiling: billing.creditsCeiling,
		customerMetadata: billing.customerMetadata,
		periodEnd: billing.periodEnd,
		periodStart: billing.periodStart,
		state: billing.state,
		stripeCustomerId: billing.stripeCustomerId,
		subscription: billing.subscription,
	};
}

// ---------------------------------------------------------------------------------------------- seed

/** Seeds people, memberships, groups, billing and logs (called by routes/teams.mjs after every reset). */
export function seedTeamData(store) {
	for (const account of ACCOUNTS) {
		const names = { [DEMO_ACCOUNT.email]: 'Demo User', [MULTI_ACCOUNT.email]: 'Multi Member' };
		addUser(store, { id: account.id, email: account.email, name: names[account.email] ?? null, at: SEEDED_AT });
	}
	for (const person of [ALICE, BOB, CAROL]) addUser(store, { ...person, at: SEEDED_AT });

	const member = (n, teamId, userId, role, status = 'active') =>
		addMembership(store, { id: `0192f0b1-0002-7000-8000-0000000000${20 + n}`, teamId, userId, role, status, at: SEEDED_AT });
	member(1, DEMO_TEAM.id, DEMO_ACCOUNT.id, 'Administrator');
	member(2, DEMO_TEAM.id, ALICE.id, 'Architect');
	member(3, DEMO_TEAM.id, BOB.id, 'User');
	member(4, DEMO_TEAM.id, CAROL.id, 'User', 'invited');
	member(5, ALPHA_TEAM.id, MULTI_ACCOUNT.id, 'Administrator');
	member(6, BETA_TEAM.id, MULTI_ACCOUNT.id, 'Administrator');

	const groups = store.collection(GROUPS);
	const group = (id, teamId, name, description, appIds, userIds) =>
		groups.set(id, { id, teamId, name, description, appIds, userIds, createdAt: SEEDED_AT, updatedAt: SEEDED_AT });
	group(REVIEWERS_GROUP_ID, DEMO_TEAM.id, 'Reviewers', 'Review the generated reports', [DEMO_APP.id], [ALICE.id]);
	group(SALES_GROUP_ID, DEMO_TEAM.id, 'Sales', null, [], [BOB.id]);
	group(ALPHA_GROUP_ID, ALPHA_TEAM.id, 'Alpha Editors', null, [], [MULTI_ACCOUNT.id]);

	for (const team of store.teams.values()) store.collection(BILLING).set(team.id, defaultBilling(team));
	Object.assign(billingOf(store, DEMO_TEAM.id), {
		baseCredits: 0,
		creditsCeiling: 10000,
		customerMetadata: { plan: 'team', seats: '5' },
		periodStart: '2025-01-01T00:00:00.000Z',
		periodEnd: '2099-12-31T23:59:59.000Z',
		subscription: 'sub_SandboxDemo01',
		alertThreshold: 80,
		seededUsage: { [DEMO_APP.id]: { publications: 42, credits: 420 } },
	});

	const demoActor = { id: DEMO_ACCOUNT.id, email: DEMO_ACCOUNT.email };
	const log = (n, action, target, details, at) =>
		store.collection(LOGS).set(`0192f0b1-0004-7000-8000-0000000000${40 + n}`, {
			id: `0192f0b1-0004-7000-8000-0000000000${40 + n}`,
			teamId: DEMO_TEAM.id,
			createdAt: at,
			actor: demoActor,
			action,
			target,
			details,
		});
	log(1, 'member.invite', { type: 'user', id: ALICE.id, name: ALICE.email }, { role: 'Architect' }, '2025-01-15T09:00:00.000Z');
	log(2, 'member.invite', { type: 'user', id: BOB.id, name: BOB.email }, { role: 'User' }, '2025-01-15T09:05:00.000Z');
	log(3, 'group.create', { type: 'group', id: REVIEWERS_GROUP_ID, name: 'Reviewers' }, null, '2025-01-16T10:00:00.000Z');
	log(4, 'group.app.add', { type: 'app', id: DEMO_APP.id, name: DEMO_APP.name }, { groupId: REVIEWERS_GROUP_ID }, '2025-01-16T10:01:00.000Z');
	log(5, 'member.invite', { type: 'user', id: CAROL.id, name: CAROL.email }, { role: 'User' }, '2025-01-17T08:30:00.000Z');
}
