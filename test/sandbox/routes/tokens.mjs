// Tokens: create (documented: every parameter is a query parameter, a JSON body is ignored), list
// and revoke. Session access tokens of /auth/login (routes/auth.mjs, `session: true`) also live in
// store.tokens so they authenticate like Bearer tokens, but they are not team API tokens: GET /tokens
// does not list them and DELETE /tokens/{id} does not find them (POST /auth/logout ends them).
import { randomBytes, randomUUID } from 'node:crypto';

import { ApiError, jsonReply } from '../http-utils.mjs';
import { DEMO_ACCOUNT, DEMO_TEAM } from '../seed.mjs';
import { logEvent } from '../team-data.mjs';
import { booleanParam, dateTimeParam, uuidParam } from '../validation.mjs';

function summary(token) {
	const { id, teamId, name, expiration, createdAt } = token;
	return { id, teamId, name, expiration, createdAt };
}

/** Basic: one of the account's teams (required if it has several). Bearer: the token's team. */
function resolveTeam(requested, principal) {
	if (principal.scheme === 'bearer') {
		const own = principal.token.teamId;
		if (requested && requested !== own) {
			throw new ApiError(
				403,
				`This token belongs to team ${own}; it cannot create tokens for team ${requested}`,
			);
		}
		return own;
	}
	const { email, teamIds } = principal.account;
	if (requested) {
		if (!teamIds.includes(requested)) {
			throw new ApiError(403, `Account ${email} is not a member of team ${requested}`);
		}
		return requested;
	}
	if (teamIds.length === 1) return teamIds[0];
	if (teamIds.length === 0) throw new ApiError(403, `Account ${email} is not a member of any team`);
	throw new ApiError(
		400,
		`Account ${email} belongs to ${teamIds.length} teams; pass the "team" query parameter (an id from GET /teams)`,
	);
}

function createToken({ store, query, principal }) {
	const expiration = query.has('expiration')
		? dateTimeParam('expiration', query.get('expiration'))
		: null;
	if (expiration && expiration.getTime() <= Date.now()) {
		throw new ApiError(
			400,
			`Query parameter "expiration" must be in the future, got "${query.get('expiration')}"`,
		);
	}
	const once = query.has('once') ? booleanParam('once', query.get('once')) : false;
	const scopes = query.getAll('scopes');
	const teamId = resolveTeam(
		query.has('team') ? uuidParam('team', query.get('team')) : null,
		principal,
	);

	const token = {
		id: randomUUID(),
		teamId,
		accountEmail: principal.account.email,
		name: query.get('name'),
		expiration: expiration?.toISOString() ?? null,
		createdAt: new Date().toISOString(),
		token: `tkak_${randomBytes(20).toString('hex')}`,
		once,
		scopes: scopes.length > 1 ? scopes : (scopes[0] ?? null),
		revokedAt: null,
		usedAt: null,
	};
	store.tokens.set(token.id, token);
	return jsonReply({ ...summary(token), token: token.token });
}

function listTokens({ store, principal }) {
	const teamTokens = [...store.tokens.values()].filter(
		(token) => token.teamId === principal.token.teamId && !token.revokedAt && !token.session,
	);
	return jsonReply(teamTokens.map(summary));
}

function revokeToken({ store, params, principal }) {
	const token = store.tokens.get(params.token_id.toLowerCase());
	if (!token || token.teamId !== principal.token.teamId || token.revokedAt || token.session) {
		throw new ApiError(404, `Token ${params.token_id} not found`);
	}
	token.revokedAt = new Date().toISOString();
	logEvent(store, token.teamId, principal, 'token.revoke', { type: 'token', id: token.id, name: token.name });
	return jsonReply(summary(token));
}

/**
 * One team API token of the Demo Team present after every reset (created by the demo account), so a test or a
 * conformance fixture has a token to list and revoke; its id is listed under `tokens` in GET /_sandbox/seed.
 */
export const SEEDED_TOKEN = Object.freeze({
	id: '0192f0b1-0005-7000-8000-000000000051',
	secret: `tkak_${'5eed'.repeat(10)}`,
});

export function seed(store) {
	store.tokens.set(SEEDED_TOKEN.id, {
		id: SEEDED_TOKEN.id,
		teamId: DEMO_TEAM.id,
		accountEmail: DEMO_ACCOUNT.email,
		name: 'Seeded token',
		expiration: '2099-01-01T00:00:00.000Z',
		createdAt: '2025-01-15T09:00:00.000Z',
		token: SEEDED_TOKEN.secret,
		once: false,
		scopes: null,
		revokedAt: null,
		usedAt: null,
	});
	store.collection('tokens').set(SEEDED_TOKEN.id, { id: SEEDED_TOKEN.id });
}

export const routes = [
	{ method: 'POST', path: '/tokens', auth: 'basic-or-bearer', handler: createToken },
	{ method: 'GET', path: '/tokens', auth: 'bearer', handler: listTokens },
	{ method: 'DELETE', path: '/tokens/:token_id', auth: 'bearer', handler: revokeToken },
];
