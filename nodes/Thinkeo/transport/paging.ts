import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IN8nRequestOperationPaginationOffset,
	INodeExecutionData,
} from 'n8n-workflow';

type RoutedOptions = DeclarativeRestApiSettings.HttpRequestOptions;

/** One page of a list: at most `limit` records from `offset`, as the API answers them. */
export type PageReader<T> = (limit: number, offset: number) => Promise<T[]>;

/** What tells records apart: their `id`, else (no ID to go by) their whole content. */
export function recordKey(record: unknown): string {
	const id = (record as { id?: unknown } | null)?.id;
	return typeof id === 'string' || typeof id === 'number' ? `id:${id}` : `json:${JSON.stringify(record)}`;
}

/** Most pages one list read makes (a million records at 100 a page), so a server inventing records cannot keep it going. */
export const MAX_PAGES = 10_000;

/**
 * Every record of a paged list, once each, in the order first seen. The paging is inferred, so nothing here trusts
 * it: the offset advances by the number of records actually returned (a server capping its pages below `pageSize`
 * loses nothing), and reading stops at an empty page or at a page that brings no record not already seen (a server
 * ignoring limit/offset answers the same records again: two requests, not an endless loop). Past `maxPages` it
 * throws rather than return a list it cannot vouch for.
 */
export async function readEveryPage<T>(
	readPage: PageReader<T>,
	keyOf: (record: T) => string,
	pageSize: number,
	maxPages = MAX_PAGES,
): Promise<T[]> {
	const records = new Map<string, T>();
	for (let offset = 0, pages = 0; ; pages += 1) {
		if (pages === maxPages) {
			throw new Error(
				`Stopped reading the list after ${maxPages} pages (${records.size} records): Thinkeo kept answering records not seen before. Use a Filter or Limit to read less.`,
			);
		}
		const page = await readPage(pageSize, offset);
		const known = records.size;
		for (const record of page) {
			const key = keyOf(record);
			if (!records.has(key)) records.set(key, record);
		}
		if (records.size === known) return [...records.values()];
		offset += page.length;
	}
}

/**
 * Return All on a paged operation: `readEveryPage` over n8n's offset paging properties of the operation, each page
 * sent by `send` with `options` plus its limit and offset.
 */
export async function readAllPages(
	send: (options: RoutedOptions) => Promise<INodeExecutionData[]>,
	options: RoutedOptions,
	paging: IN8nRequestOperationPaginationOffset['properties'],
): Promise<INodeExecutionData[]> {
	const where = paging.type === 'body' ? 'body' : 'qs';
	const readPage: PageReader<INodeExecutionData> = async (limit, offset) =>
		await send({
			...options,
			[where]: { ...((options[where] as IDataObject) ?? {}), [paging.limitParameter]: limit, [paging.offsetParameter]: offset },
		});
	return await readEveryPage(readPage, (item) => recordKey(item.json), paging.pageSize);
}
