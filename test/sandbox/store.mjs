// In-memory state of the sandbox: the seeded fixtures plus everything the API creates, the request
// log and the admin knobs (faults, latency). `reset()` puts it all back to the seed.
import { ACCOUNTS, APPS, TEAMS } from './seed.mjs';

function byKey(items, key) {
	// Clones, so run-time changes never touch the frozen seed objects.
	return new Map(items.map((item) => [item[key].toLowerCase(), structuredClone(item)]));
}

export class SandboxStore {
	/** `seeders` are functions of route modules that fill their collections after each reset. */
	constructor(seeders = []) {
		this.seeders = seeders;
		this.reset();
	}

	/** A named Map of records (e.g. `store.collection('blocks')`), created on first use and emptied by reset(). */
	collection(name) {
		if (!this.collections.has(name)) this.collections.set(name, new Map());
		return this.collections.get(name);
	}

	reset() {
		// Accounts are keyed by lower-case email; everything else by id.
		this.accounts = byKey(ACCOUNTS, 'email');
		this.teams = byKey(TEAMS, 'id');
		this.apps = byKey(APPS, 'id');
		// {id, teamId, accountEmail, name, expiration, createdAt, token, once, scopes, revokedAt, usedAt}
		this.tokens = new Map();
		// {id, teamId, filename, mimeType, size, sha1: number[], bytes: Buffer, createdAt}
		this.attachments = new Map();
		// {id, teamId, appId, version, requestedVersion, name, attributes, fastPass, seed, rootBlockId,
		//  blocks, createdAt}
		this.publications = new Map();
		this.requests = [];
		this.requestSeq = 0;
		// Pending fault rules: {status, remaining, skip, path, method, body, rawBody, headers}
		this.faults = [];
		this.latencyMs = 0;
		// load.mjs: the rate limit {perSecond, status, retryAfter, accepted} or null, and the slow endpoints.
		this.rateLimit = null;
		this.slowEndpoints = [];
		// The paging fault of the POST …/query endpoints (paging-faults.mjs): {ignore: n}, {cap: k} or null.
		this.pagingFault = null;
		// Bytes of padding added to every App export (POST /_sandbox/export-padding), for large downloads.
		this.exportPaddingBytes = 0;
		// API requests still to arrive before every token is revoked (null: nothing scheduled).
		this.revokeAfterRequests = null;
		this.collections = new Map();
		for (const seed of this.seeders ?? []) seed(this);
	}

	revokeAllTokens() {
		const now = new Date().toISOString();
		const active = [...this.tokens.values()].filter((token) => !token.revokedAt);
		for (const token of active) token.revokedAt = now;
		return active.length;
	}

	/** Counts one arriving API request towards a scheduled revocation. */
	countTowardsRevocation() {
		if (this.revokeAfterRequests === null) return;
		if (this.revokeAfterRequests === 0) {
			this.revokeAllTokens();
			this.revokeAfterRequests = null;
		} else {
			this.revokeAfterRequests -= 1;
		}
	}

	account(email) {
		return this.accounts.get(email.toLowerCase());
	}

	tokenBySecret(secret) {
		for (const token of this.tokens.values()) {
			if (token.token === secret) return token;
		}
		return undefined;
	}

	/** Why a stored token cannot authenticate right now, or null when it can. */
	tokenProblem(token) {
		if (token.revokedAt) return 'Bearer token has been revoked';
		const expired = token.expiration && Date.parse(token.expiration) <= Date.now();
		if (expired) return 'Bearer token has expired';
		if (token.once && token.usedAt) return 'Single-use bearer token has already been used';
		return null;
	}

	/**
	 * The first pending fault for this API request, with one use consumed. Each matching rule first lets its `skip`
	 * matching requests through, so a test can fault the Nth request of a run.
	 */
	takeFault(method, path) {
		let fault;
		for (const rule of this.faults) {
			if ((rule.method && rule.method !== method) || (rule.path && rule.path !== path)) continue;
			if (rule.skip > 0) rule.skip -= 1;
			else fault ??= rule;
		}
		if (!fault) return undefined;
		fault.remaining -= 1;
		if (fault.remaining <= 0) this.faults.splice(this.faults.indexOf(fault), 1);
		return fault;
	}

	counts() {
		const tokens = [...this.tokens.values()];
		return {
			tokens: tokens.length,
			activeTokens: tokens.filter((token) => !this.tokenProblem(token)).length,
			attachments: this.attachments.size,
			publications: this.publications.size,
		};
	}
}
