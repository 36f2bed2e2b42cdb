// Helpers shared by the route modules for stored records: team scoping, 404s, paging, timestamps.
import { randomUUID } from 'node:crypto';

import { ApiError } from './http-utils.mjs';
import { uuidParam } from './validation.mjs';

/** The record `id` of `collection` in the caller's team, or a 404 naming what was not found. */
export function findInTeam(collection, id, principal, noun) {
	uuidParam(`${noun} id`, id);
	const record = collection.get(id.toLowerCase());
	if (!record || (record.teamId && record.teamId !== principal.teamId)) {
		throw new ApiError(404, `No ${noun} with id ${id} in this team`);
	}
	return record;
}

/** The caller's team's records of `collection`, oldest first. */
export function listInTeam(collection, principal) {
	return [...collection.values()].filter((record) => !record.teamId || record.teamId === principal.teamId);
}

/**
 * One page of a POST …/query answer. The reference documents no paging; the sandbox follows the node's
 * inferred contract: optional `limit` (1–100) and `offset` in the JSON body, everything when both are absent.
 */
export function pageOf(items, body = {}) {
	const { limit, offset = 0 } = body;
	if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 100)) {
		throw new ApiError(400, '"limit" must be an integer from 1 to 100');
	}
	if (!Number.isInteger(offset) || offset < 0) throw new ApiError(400, '"offset" must be a non-negative integer');
	return limit === undefined ? items.slice(offset) : items.slice(offset, offset + limit);
}

/** A new record with id and timestamps. */
export function newRecord(fields) {
	const now = new Date().toISOString();
	return { id: randomUUID(), ...fields, createdAt: now, updatedAt: now };
}

/** Applies allowed changes to a record and bumps updatedAt. */
export function updateRecord(record, changes) {
	Object.assign(record, changes, { updatedAt: new Date().toISOString() });
	return record;
}
