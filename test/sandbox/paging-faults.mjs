// Paging faults of the POST …/query endpoints, for the node's paging loops (POST /_sandbox/paging): a server that
// ignores limit/offset and always answers the same records, or one that caps its pages below the size asked for.
import { ApiError, jsonReply, readJsonObject } from './http-utils.mjs';

/**
 * The page a query answers under the store's paging fault, or null when there is none: `{ignore: n}` answers the
 * first n records whatever `limit` and `offset` say; `{cap: k}` honours `offset` but answers at most k records.
 */
export function faultyPage(fault, records, { limit, offset = 0 }) {
	if (!fault) return null;
	if (fault.ignore !== undefined) return records.slice(0, fault.ignore);
	return records.slice(offset, offset + Math.min(limit ?? Infinity, fault.cap));
}

/** `{ignore: n}` or `{cap: k}` (positive integers) sets the paging fault; `{}` clears it (so does a reset). */
async function setPagingFault({ store, body }) {
	const { ignore, cap, ...unknown } = await readJsonObject(body);
	if (Object.keys(unknown).length > 0) throw new ApiError(400, `Unknown paging fault "${Object.keys(unknown)[0]}"; give ignore or cap`);
	if (ignore !== undefined && cap !== undefined) throw new ApiError(400, 'Give "ignore" or "cap", not both');
	for (const [name, value] of Object.entries({ ignore, cap })) {
		if (value !== undefined && (!Number.isInteger(value) || value < 1)) {
			throw new ApiError(400, `"${name}" must be a positive integer`);
		}
	}
	store.pagingFault = ignore !== undefined ? { ignore } : cap !== undefined ? { cap } : null;
	return jsonReply({ pagingFault: store.pagingFault });
}

export const pagingFaultRoutes = [{ method: 'POST', path: '/_sandbox/paging', handler: setPagingFault }];
