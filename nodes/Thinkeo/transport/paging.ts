import type { DeclarativeRestApiSettings, IDataObject, INodeExecutionData } from 'n8n-workflow';

import { describeValue } from './apiMessage';
import { UnusableAnswerError } from './errors';

type RoutedOptions = DeclarativeRestApiSettings.HttpRequestOptions;

/**
 * Paging of the POST …/query endpoints. INFERRED: the reference documents no paging parameters for these
 * open-filter bodies, so the node sends `limit` and `offset` in the JSON body and reads pages as `readEveryPage`
 * does, trusting neither. Change it here if the live spec says otherwise.
 */
export const QUERY_PAGE_SIZE = 100;

/** How an operation pages through a list: the body parameters of the page's size and start, and the page size. */
export interface QueryPaging {
	limitParameter: string;
	offsetParameter: string;
	pageSize: number;
}

/** The paging of every POST …/query endpoint. */
export const QUERY_PAGING: QueryPaging = { limitParameter: 'limit', offsetParameter: 'offset', pageSize: QUERY_PAGE_SIZE };

/** One page of a list: at most `limit` records from `offset`, as the API answers them. */
export type PageReader<T> = (limit: number, offset: number) => Promise<T[]>;

/** What tells records apart: their `id`, else (no ID to go by) their whole content. */
export function recordKey(record: unknown): string {
	const id = (record as { id?: unknown } | null)?.id;
	return typeof id === 'string' || typeof id === 'number' ? `id:${id}` : `json:${JSON.stringify(record)}`;
}

/** Most pages one list read makes (a million records at 100 a page), so a server inventing records cannot keep it going. */
export const MAX_PAGES = 10_000;

/** The bounds of one list read: pages requested, and records kept. */
export interface ListLimits {
	maxPages?: number;
	/**
	 * Most records kept; by default as many as `maxPages` full pages hold (a million at 100 a page), the most a server
	 * honouring the page size could send before the page cap stops it. A server that ignores the page size is stopped
	 * at the same count, inside the page that passes it: one seen answered 1.5 million records in 76 pages.
	 */
	maxRecords?: number;
}

/** What to do about a list too long to read whole. */
const READ_LESS = 'Use a Filter, or turn Return All off and set a Limit, to read less.';

/**
 * Every record of a paged list, once each, in the order first seen. The paging is inferred, so nothing here trusts
 * it: the offset advances by the number of records actually returned (a server capping its pages below `pageSize`
 * loses nothing), and reading stops at an empty page or at a page that brings no record not already seen (a server
 * ignoring limit/offset answers the same records again: two requests, not an endless loop), unless a full first
 * page comes back: then the server ignores the offset and the rest is out of reach, an error. Past `maxPages` pages or
 * `maxRecords` records, or on a page that is not a list, it throws an UnusableAnswerError rather than return a list
 * it cannot vouch for; a page of any size is read no further than the record that passes the cap.
 */
export async function readEveryPage<T>(
	readPage: PageReader<T>,
	keyOf: (record: T) => string,
	pageSize: number,
	{ maxPages = MAX_PAGES, maxRecords = pageSize * maxPages }: ListLimits = {},
): Promise<T[]> {
	const records = new Map<string, T>();
	let fullFirstPageStart: string | undefined;
	for (let offset = 0, pages = 0; ; pages += 1) {
		if (pages === maxPages) {
			throw new UnusableAnswerError(
				`Stopped reading the list after ${maxPages} pages (${records.size} records): Thinkeo kept answering records not seen before`,
				READ_LESS,
			);
		}
		const page: unknown = await readPage(pageSize, offset);
		if (!Array.isArray(page)) {
			throw new UnusableAnswerError(`Thinkeo answered page ${pages + 1} of the list (offset ${offset}) with ${describeValue(page)}, not a list`);
		}
		const known = records.size;
		for (const record of page as T[]) {
			const key = keyOf(record);
			if (records.has(key)) continue;
			if (records.size === maxRecords) {
				throw new UnusableAnswerError(
					`Stopped reading the list in page ${pages + 1} (offset ${offset}, ${page.length} records): it holds more than ${maxRecords} records, the most the node reads in one list${page.length > pageSize ? `, and Thinkeo sent more than the ${pageSize} records a page asked for` : ''}`,
					READ_LESS,
				);
			}
			records.set(key, record);
		}
		if (records.size === known) {
			// A full first page answered again from its start: the server honours the page size but not the offset, so
			// the rest of the list cannot be reached. Returning what came would drop records silently (a trigger would
			// never fire them), so it is an error. An empty page, the last page answered again (an offset past the end
			// clamped), or a server that sent more or fewer than a page at first (the whole list at once) ends the read.
			if (fullFirstPageStart !== undefined && page.length > 0 && keyOf((page as T[])[0]) === fullFirstPageStart) {
				throw new UnusableAnswerError(
					`Thinkeo answered page ${pages + 1} of the list (offset ${offset}) with records already read: it seems to ignore the offset, so the rest of the list cannot be read (${records.size} records read)`,
					READ_LESS,
				);
			}
			return [...records.values()];
		}
		if (pages === 0 && page.length === pageSize) fullFirstPageStart = keyOf((page as T[])[0]);
		offset += page.length;
	}
}

/**
 * Return All on a paged operation: `readEveryPage` over the operation's paging, each page sent by `send` with
 * `options` plus its limit and offset in the body.
 */
export async function readAllPages(
	send: (options: RoutedOptions) => Promise<INodeExecutionData[]>,
	options: RoutedOptions,
	paging: QueryPaging,
): Promise<INodeExecutionData[]> {
	const readPage: PageReader<INodeExecutionData> = async (limit, offset) =>
		await send({
			...options,
			body: { ...((options.body as IDataObject) ?? {}), [paging.limitParameter]: limit, [paging.offsetParameter]: offset },
		});
	return await readEveryPage(readPage, (item) => recordKey(item.json), paging.pageSize);
}
