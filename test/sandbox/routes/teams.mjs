// Teams: GET /teams lists the Teams the caller can access (Basic: the account's; Bearer: the
// token's). The other /teams/* endpoints act on the caller's team (the Bearer token's): the current team,
// billing and credit limits, the activity log, members and user groups. Only GET /teams and the TeamBilling shape
// are documented; the rest follows team-data.mjs.
import { randomUUID } from 'node:crypto';

import { ApiError, jsonReply, readJsonObject } from '../http-utils.mjs';
import { findInTeam } from '../records.mjs';
import {
	BILLING,
	GROUPS,
	LOGS,
	MEMBERS,
	ROLES,
	USERS,
	addMembership,
	addUser,
	allowOnly,
	billingOf,
	billingView,
	defaultBilling,
	emailProperty,
	limitProperty,
	logEvent,
	memberView,
	membership,
	membershipsOf,
	profileOf,
	requireAdministrator,
	seedTeamData,
	stringProperty,
	usageByApp,
	userByEmail,
	userView,
} from '../team-data.mjs';
import { isUuid } from '../validation.mjs';

function listTeams({ store, principal }) {
	return jsonReply(principal.teamIds.map((id) => store.teams.get(id)));
}

const readBody = (req, body) => readJsonObject(body, { contentType: req.headers['content-type'] });

function pathUuid(name, value) {
	if (!isUuid(value)) throw new ApiError(400, `Path parameter "${name}" must be a UUID, got "${value}"`);
	return value.toLowerCase();
}

// ---------------------------------------------------------------------------------------------- teams

/** POST /teams {name}: a new team; the caller's account becomes its Administrator. */
async function createTeam({ req, store, body, principal }) {
	const payload = await readBody(req, body);
	allowOnly(payload, ['name'], 'team body');
	const name = stringProperty(payload, 'name', { required: true, max: 100 });
	const team = { id: randomUUID(), name, stripeCustomerId: null, aiConfig: null };
	store.teams.set(team.id, team);
	store.collection(BILLING).set(team.id, defaultBilling(team));
	if (principal.account) {
		profileOf(store, principal.account);
		principal.account.teamIds.push(team.id);
		addMembership(store, { teamId: team.id, userId: principal.account.id, role: 'Administrator' });
	}
	logEvent(store, team.id, principal, 'team.create', { type: 'team', id: team.id, name });
	return jsonReply(team);
}

function currentTeam({ store, principal }) {
	return jsonReply(store.teams.get(principal.teamId));
}

// ---------------------------------------------------------------------------------------------- billing

function getBilling({ store, principal }) {
	return jsonReply(billingView(store, principal.teamId));
}

function appName(store, appId) {
	return store.apps.get(appId)?.name ?? null;
}

/** Usage of the current period per App, from the seeded usage and the publications made since. */
function billingReport({ store, principal }) {
	const billing = billingView(store, principal.teamId);
	const apps = [...usageByApp(store, principal.teamId)].map(([appId, usage]) => ({
		appId,
		name: appName(store, appId),
		...usage,
	}));
	return jsonReply({
		teamId: principal.teamId,
		periodStart: billing.periodStart,
		periodEnd: billing.periodEnd,
		credits: billing.credits,
		creditsCeiling: billing.creditsCeiling,
		publications: apps.reduce((sum, app) => sum + app.publications, 0),
		apps,
	});
}

function limitsView(store, teamId) {
	const billing = billingOf(store, teamId);
	return {
		teamId,
		creditLimit: billing.creditsCeiling,
		alertThreshold: billing.alertThreshold,
		apps: Object.entries(billing.appLimits).map(([appId, creditLimit]) => ({
			appId,
			name: appName(store, appId),
			creditLimit,
		})),
	};
}

function getLimits({ store, principal }) {
	return jsonReply(limitsView(store, principal.teamId));
}

/** PUT /teams/billing/limits {creditLimit?, alertThreshold?}: the team limit is the billing's creditsCeiling. */
async function setLimits({ req, store, body, principal }) {
	requireAdministrator(store, principal, 'change credit limits');
	const payload = await readBody(req, body);
	allowOnly(payload, ['creditLimit', 'alertThreshold'], 'limits body');
	if (Object.keys(payload).length === 0) {
		throw new ApiError(400, 'Nothing to change: send "creditLimit" and/or "alertThreshold"');
	}
	const creditLimit = limitProperty(payload, 'creditLimit');
	const { alertThreshold } = payload;
	if (alertThreshold !== undefined && alertThreshold !== null) {
		if (!Number.isInteger(alertThreshold) || alertThreshold < 1 || alertThreshold > 100) {
			throw new ApiError(400, `"alertThreshold" must be a percentage from 1 to 100, or null; got ${JSON.stringify(alertThreshold)}`);
		}
	}
	const billing = billingOf(store, principal.teamId);
	if (creditLimit !== undefined) billing.creditsCeiling = creditLimit;
	if (alertThreshold !== undefined) billing.alertThreshold = alertThreshold;
	logEvent(store, principal.teamId, principal, 'billing.limits.update', { type: 'team', id: principal.teamId }, payload);
	return jsonReply(limitsView(store, principal.teamId));
}

/** PUT /teams/billing/limits/apps/{app_id} {creditLimit}: null removes the App's limit. */
async function setAppLimit({ req, store, body, params, principal }) {
	const appId = pathUuid('app_id', params.app_id);
	const app = store.apps.get(appId);
	if (!app || app.teamId !== principal.teamId) throw new ApiError(404, `No App with id ${appId} in this team`);
	requireAdministrator(store, principal, 'change credit limits');
	const payload = await readBody(req, body);
	allowOnly(payload, ['creditLimit'], 'App limit body');
	if (!('creditLimit' in payload)) throw new ApiError(400, '"creditLimit" is required (a non-negative integer, or null for no limit)');
	const creditLimit = limitProperty(payload, 'creditLimit');
	const billing = billingOf(store, principal.teamId);
	if (creditLimit === null) delete billing.appLimits[appId];
	else billing.appLimits[appId] = creditLimit;
	logEvent(store, principal.teamId, principal, 'billing.appLimit.update', { type: 'app', id: appId, name: app.name }, { creditLimit });
	return jsonReply({ appId, name: app.name, creditLimit });
}

function getLogs({ store, principal }) {
	const entries = [...store.collection(LOGS).values()]
		.filter((entry) => entry.teamId === principal.teamId)
		.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
	return jsonReply(entries);
}

// ---------------------------------------------------------------------------------------------- members

function findMember(store, principal, rawUserId) {
	const userId = pathUuid('user_id', rawUserId);
	const member = membership(store, principal.teamId, userId);
	if (!member) throw new ApiError(404, `No member with user id ${userId} in this team`);
	return member;
}

function roleProperty(payload) {
	const { role } = payload;
	if (role === undefined) throw new ApiError(400, `"role" is required: one of ${ROLES.join(', ')}`);
	if (!ROLES.includes(role)) throw new ApiError(400, `"role" must be one of ${ROLES.join(', ')}; got ${JSON.stringify(role)}`);
	return role;
}

/** The team must keep an active Administrator. */
function keepsAnAdministrator(store, teamId, changed) {
	return membershipsOf(store, teamId).some(
		(member) => member !== changed && member.role === 'Administrator' && member.status === 'active',
	);
}

function listMembers({ store, principal }) {
	return jsonReply(membershipsOf(store, principal.teamId).map((member) => memberView(store, member)));
}

/** POST /teams/users {email, role}: invites a person (known user or new email); status stays "invited". */
async function inviteMember({ req, store, body, principal }) {
	requireAdministrator(store, principal, 'invite members');
	const payload = await readBody(req, body);
	allowOnly(payload, ['email', 'role'], 'invitation body');
	const email = emailProperty(payload);
	const role = roleProperty(payload);
	const user = userByEmail(store, email) ?? addUser(store, { email });
	if (membership(store, principal.teamId, user.id)) {
		throw new ApiError(400, `${email} is already a member of this team`);
	}
	const member = addMembership(store, { teamId: principal.teamId, userId: user.id, role, status: 'invited' });
	logEvent(store, principal.teamId, principal, 'member.invite', { type: 'user', id: user.id, name: email }, { role });
	return jsonReply(memberView(store, member));
}

async function updateMemberRole({ req, store, body, params, principal }) {
	const member = findMember(store, principal, params.user_id);
	requireAdministrator(store, principal, "change members' roles");
	const payload = await readBody(req, body);
	allowOnly(payload, ['role'], 'member body');
	const role = roleProperty(payload);
	if (member.role === 'Administrator' && role !== 'Administrator' && !keepsAnAdministrator(store, principal.teamId, member)) {
		throw new ApiError(400, 'The team needs at least one active Administrator; promote someone else first');
	}
	const before = member.role;
	member.role = role;
	logEvent(store, principal.teamId, principal, 'member.role.update', { type: 'user', id: member.userId }, { from: before, to: role });
	return jsonReply(memberView(store, member));
}

/** DELETE /teams/users/{user_id}: also takes the user out of the team's groups. */
function removeMember({ store, params, principal }) {
	const member = findMember(store, principal, params.user_id);
	requireAdministrator(store, principal, 'remove members');
	if (principal.account && member.userId === principal.account.id) {
		throw new ApiError(400, 'You cannot remove yourself from the team');
	}
	if (member.role === 'Administrator' && !keepsAnAdministrator(store, principal.teamId, member)) {
		throw new ApiError(400, 'The team needs at least one active Administrator');
	}
	store.collection(MEMBERS).delete(member.id);
	for (const group of store.collection(GROUPS).values()) {
		if (group.teamId === principal.teamId) group.userIds = group.userIds.filter((id) => id !== member.userId);
	}
	const view = memberView(store, member);
	logEvent(store, principal.teamId, principal, 'member.remove', { type: 'user', id: member.userId, name: view.email });
	return jsonReply(view);
}

// ---------------------------------------------------------------------------------------------- groups

function groupView(group) {
	const { id, teamId, name, description, appIds, userIds, createdAt, updatedAt } = group;
	return { id, teamId, name, description, appIds: [...appIds], userIds: [...userIds], createdAt, updatedAt };
}

function findGroup(store, principal, rawId) {
	return findInTeam(store.collection(GROUPS), pathUuid('group_id', rawId), principal, 'group');
}

function groupsOf(store, teamId) {
	return [...store.collection(GROUPS).values()].filter((group) => group.teamId === teamId);
}

function uniqueName(store, teamId, name, except) {
	const taken = groupsOf(store, teamId).some((group) => group !== except && group.name.toLowerCase() === name.toLowerCase());
	if (taken) throw new ApiError(400, `A group named "${name}" already exists in this team`);
}

function descriptionProperty(payload) {
	const { description } = payload;
	if (description === undefined || description === null) return description;
	if (typeof description !== 'string') throw new ApiError(400, '"description" must be a string or null');
	return description;
}

function listGroups({ store, principal }) {
	return jsonReply(groupsOf(store, principal.teamId).map(groupView));
}

async function createGroup({ req, store, body, principal }) {
	requireAdministrator(store, principal, 'manage groups');
	const payload = await readBody(req, body);
	allowOnly(payload, ['name', 'description'], 'group body');
	const name = stringProperty(payload, 'name', { required: true, max: 100 });
	uniqueName(store, principal.teamId, name);
	const now = new Date().toISOString();
	const group = {
		id: randomUUID(),
		teamId: principal.teamId,
		name,
		description: descriptionProperty(payload) ?? null,
		appIds: [],
		userIds: [],
		createdAt: now,
		updatedAt: now,
	};
	store.collection(GROUPS).set(group.id, group);
	logEvent(store, principal.teamId, principal, 'group.create', { type: 'group', id: group.id, name });
	return jsonReply(groupView(group));
}

async function updateGroup({ req, store, body, params, principal }) {
	const group = findGroup(store, principal, params.group_id);
	requireAdministrator(store, principal, 'manage groups');
	const payload = await readBody(req, body);
	allowOnly(payload, ['name', 'description'], 'group body');
	if (Object.keys(payload).length === 0) throw new ApiError(400, 'Nothing to change: send "name" and/or "description"');
	const name = stringProperty(payload, 'name', { max: 100 });
	if (name === null) throw new ApiError(400, '"name" cannot be null');
	const description = descriptionProperty(payload);
	if (name !== undefined) {
		uniqueName(store, principal.teamId, name, group);
		group.name = name;
	}
	if (description !== undefined) group.description = description;
	group.updatedAt = new Date().toISOString();
	logEvent(store, principal.teamId, principal, 'group.update', { type: 'group', id: group.id, name: group.name }, payload);
	return jsonReply(groupView(group));
}

function deleteGroup({ store, params, principal }) {
	const group = findGroup(store, principal, params.group_id);
	requireAdministrator(store, principal, 'manage groups');
	store.collection(GROUPS).delete(group.id);
	logEvent(store, principal.teamId, principal, 'group.delete', { type: 'group', id: group.id, name: group.name });
	return jsonReply(groupView(group));
}

/** A required, non-empty array of UUIDs in the body, lower-cased and without duplicates. */
function idList(payload, key, noun) {
	const value = payload[key];
	if (!Array.isArray(value) || value.length === 0) {
		throw new ApiError(400, `"${key}" is required: a non-empty array of ${noun} IDs`);
	}
	const bad = value.filter((id) => !isUuid(id));
	if (bad.length > 0) {
		throw new ApiError(400, `"${key}" must hold ${noun} IDs (UUIDs); not valid: ${bad.map((id) => JSON.stringify(id)).join(', ')}`);
	}
	return [...new Set(value.map((id) => id.toLowerCase()))];
}

function groupAppsView(store, group) {
	return group.appIds.map((id) => {
		const app = store.apps.get(id);
		return { id, name: app?.name ?? null, latestVersion: app?.latestVersion ?? null, groupId: group.id };
	});
}

function groupUsersView(store, group) {
	return group.userIds.map((userId) => {
		const member = membership(store, group.teamId, userId);
		const user = store.collection(USERS).get(userId);
		return {
			...(user ? userView(user) : { id: userId }),
			role: member?.role ?? null,
			status: member?.status ?? null,
			groupId: group.id,
		};
	});
}

/**
 * What a group holds, its Apps or its users, and how the two differ: the body key of Add, the path parameter of
 * Remove, the team check, the view and the log events. One set of handlers (list, add, remove) serves both.
 */
const GROUP_APPS = {
	key: 'appIds',
	noun: 'App',
	pathParam: 'app_id',
	event: 'group.app',
	view: groupAppsView,
	requireInTeam(store, principal, id) {
		const app = store.apps.get(id);
		if (!app || app.teamId !== principal.teamId) throw new ApiError(404, `No App with id ${id} in this team`);
	},
	notInGroup: (id, group) => `App ${id} is not shared with group ${group.id}`,
	target: (store, id) => ({ type: 'app', id, name: appName(store, id) }),
};

const GROUP_USERS = {
	key: 'userIds',
	noun: 'user',
	pathParam: 'user_id',
	event: 'group.user',
	view: groupUsersView,
	requireInTeam(store, principal, id) {
		if (!membership(store, principal.teamId, id)) throw new ApiError(404, `No member with user id ${id} in this team`);
	},
	notInGroup: (id, group) => `User ${id} is not in group ${group.id}`,
	target: (_store, id) => ({ type: 'user', id }),
};

function groupMemberHandlers({ key, noun, pathParam, event, view, requireInTeam, notInGroup, target }) {
	return {
		list({ store, params, principal }) {
			return jsonReply(view(store, findGroup(store, principal, params.group_id)));
		},

		/**
		 * POST …/apps {appIds} or …/users {userIds}: shares Apps of the team with the group, or adds team members
		 * (active or invited) to it; those already in stay. Returns the group's Apps or users.
		 */
		async add({ req, store, body, params, principal }) {
			const group = findGroup(store, principal, params.group_id);
			requireAdministrator(store, principal, 'manage groups');
			const payload = await readBody(req, body);
			allowOnly(payload, [key], 'body');
			const ids = idList(payload, key, noun);
			for (const id of ids) requireInTeam(store, principal, id);
			const added = ids.filter((id) => !group[key].includes(id));
			group[key].push(...added);
			group.updatedAt = new Date().toISOString();
			for (const id of added) {
				logEvent(store, principal.teamId, principal, `${event}.add`, target(store, id), { groupId: group.id });
			}
			return jsonReply(view(store, group));
		},

		remove({ store, params, principal }) {
			const group = findGroup(store, principal, params.group_id);
			const id = pathUuid(pathParam, params[pathParam]);
			requireAdministrator(store, principal, 'manage groups');
			if (!group[key].includes(id)) throw new ApiError(404, notInGroup(id, group));
			const [removed] = view(store, { ...group, [key]: [id] });
			group[key] = group[key].filter((member) => member !== id);
			group.updatedAt = new Date().toISOString();
			logEvent(store, principal.teamId, principal, `${event}.remove`, target(store, id), { groupId: group.id });
			return jsonReply(removed);
		},
	};
}

const groupApps = groupMemberHandlers(GROUP_APPS);
const groupUsers = groupMemberHandlers(GROUP_USERS);

export function seed(store) {
	seedTeamData(store);
}

const bearer = (method, path, handler) => ({ method, path, auth: 'bearer', handler });

export const routes = [
	{ method: 'GET', path: '/teams', auth: 'basic-or-bearer', handler: listTeams },
	bearer('POST', '/teams', createTeam),
	bearer('GET', '/teams/current', currentTeam),
	bearer('GET', '/teams/billing', getBilling),
	bearer('GET', '/teams/billing/report', billingReport),
	bearer('GET', '/teams/billing/limits', getLimits),
	bearer('PUT', '/teams/billing/limits', setLimits),
	bearer('PUT', '/teams/billing/limits/apps/:app_id', setAppLimit),
	bearer('GET', '/teams/logs', getLogs),
	bearer('GET', '/teams/users', listMembers),
	bearer('POST', '/teams/users', inviteMember),
	bearer('PUT', '/teams/users/:user_id', updateMemberRole),
	bearer('DELETE', '/teams/users/:user_id', removeMember),
	bearer('GET', '/teams/groups', listGroups),
	bearer('POST', '/teams/groups', createGroup),
	bearer('PUT', '/teams/groups/:group_id', updateGroup),
	bearer('DELETE', '/teams/groups/:group_id', deleteGroup),
	bearer('GET', '/teams/groups/:group_id/apps', groupApps.list),
	bearer('POST', '/teams/groups/:group_id/apps', groupApps.add),
	bearer('DELETE', '/teams/groups/:group_id/apps/:app_id', groupApps.remove),
	bearer('GET', '/teams/groups/:group_id/users', groupUsers.list),
	bearer('POST', '/teams/groups/:group_id/users', groupUsers.add),
	bearer('DELETE', '/teams/groups/:group_id/users/:user_id', groupUsers.remove),
];
