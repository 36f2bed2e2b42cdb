import type { IDataObject } from 'n8n-workflow';

import type { PageReader } from '../transport/paging';
import { QUERY_PAGE_SIZE, readEveryPage, recordKey } from '../transport/paging';
import type { ListingExtent, LookBack } from './pollState';
import { advanceLookBack, newestFirst } from './pollState';

/**
 * INFERRED: POST /publications/query lists the team's publications oldest first, in the order Thinkeo stored them
 * (the sandbox does, and Publication → Get Many reads them so): a new publication is appended at the end, and the
 * ones before it keep their positions until one of them is deleted. So a poll reads only the end of the list, from
 * the last records it saw there, and checks that they are still where they were; when they are not (a deletion, a
 * record inserted before them, another order), it reads the whole list instead. This is the one place that relies on
 * that order.
 */

/** How many of the last records seen are checked at their positions before trusting the rest of the list. */
export const TAIL_CHECK_RECORDS = 10;

/**
 * The end of the list as the last poll read it: the keys (see recordKey) of its last records in order, the first one
 * at position `offset`, and the query they were read with (another App filter is another list).
 */
export interface ListTail {
	offset: number;
	keys: string[];
	query: string;
}

/** The tail to keep after reading `records`, the first of them at position `start` of the list: its last `size`. */
function tailOf(records: IDataObject[], start: number, query: string, size: number): ListTail {
	const last = records.slice(-size);
	return { offset: start + records.length - last.length, keys: last.map(recordKey), query };
}

function startsWithKeys(records: IDataObject[], keys: string[]): boolean {
	return keys.length > 0 && keys.every((key, index) => records[index] !== undefined && recordKey(records[index]) === key);
}

/**
 * The records at the end of the list since `tail` (its checked records included), or the whole list when there is
 * no tail, it belongs to another query, or its records moved. A poll that finds nothing new costs 2 requests (the
 * page from the tail, then the empty page that ends every read, see readEveryPage), whatever the list's length.
 * The new tail holds the last `tailSize` records (at least TAIL_CHECK_RECORDS), so the next read starts there.
 * `extent` says which of the two was read.
 */
export async function readListEnd(
	readPage: PageReader<IDataObject>,
	tail: ListTail | undefined,
	query: string,
	tailSize = TAIL_CHECK_RECORDS,
): Promise<{ records: IDataObject[]; tail: ListTail; extent: ListingExtent }> {
	const size = Math.max(tailSize, TAIL_CHECK_RECORDS);
	if (tail && tail.query === query && tail.keys.length > 0) {
		const fromTail = await readEveryPage((limit, offset) => readPage(limit, tail.offset + offset), recordKey, QUERY_PAGE_SIZE);
		if (startsWithKeys(fromTail, tail.keys)) {
			return { records: fromTail, tail: tailOf(fromTail, tail.offset, query, size), extent: tail.offset ? 'end' : 'whole' };
		}
	}
	const records = await readEveryPage(readPage, recordKey, QUERY_PAGE_SIZE);
	return { records, tail: tailOf(records, 0, query, size), extent: 'whole' };
}

/** What New Publication and New Attachment (Recent Publications) keep in the workflow's static data between polls. */
export interface PublicationPollState {
	publicationCursor?: LookBack;
	publicationTail?: ListTail;
	recentPublicationsTail?: ListTail;
}

/**
 * One poll of New Publication: the publications (those `wanted`) not seen before, oldest first, read from the end of
 * the list (readListEnd) and told apart by the look-back window (advanceLookBack) at the clock `now`, and the state
 * to keep once they have fired. `state` is left as it is: the caller saves `next` only when its output is complete,
 * so a poll that fails later reads the same publications again.
 */
export async function pollNewPublications(
	readPage: PageReader<IDataObject>,
	state: PublicationPollState,
	query: string,
	wanted: (publication: IDataObject) => boolean,
	now: number,
): Promise<{ fresh: IDataObject[]; next: PublicationPollState }> {
	const { records, tail, extent } = await readListEnd(readPage, state.publicationTail, query);
	const { fresh, state: cursor } = advanceLookBack(records.filter(wanted), state.publicationCursor, now, extent);
	return { fresh, next: { publicationCursor: cursor, publicationTail: tail } };
}

/**
 * The publications (those `wanted`) read for New Attachment's Recent Publications, and the newest `count` of them,
 * newest first (see newestFirst): read from the end of the list too (readListEnd keeping the last `count` records),
 * so a steady poll's listing costs 2 requests however long the history. `extent` says whether `listed` is the whole
 * list or its end; `next` is the state to keep.
 */
export async function recentPublications(
	readPage: PageReader<IDataObject>,
	state: PublicationPollState,
	query: string,
	wanted: (publication: IDataObject) => boolean,
	count: number,
	now: number,
): Promise<{ listed: IDataObject[]; extent: ListingExtent; newest: IDataObject[]; next: PublicationPollState }> {
	const { records, tail, extent } = await readListEnd(readPage, state.recentPublicationsTail, query, count);
	const listed = records.filter(wanted);
	return { listed, extent, newest: newestFirst(listed, now).slice(0, count), next: { recentPublicationsTail: tail } };
}
