import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IN8nRequestOperationPaginationOffset,
	INodeExecutionData,
	INodeProperties,
	INodePropertyRouting,
} from 'n8n-workflow';

import { returnAllAndLimit } from './fields';
import { mergeJsonIntoBody } from './json';

/**
 * Paging of the POST …/query endpoints. INFERRED: the reference documents no paging parameters for these
 * open-filter bodies, so the node sends `limit` and `offset` in the JSON body and reads pages as `readEveryPage`
 * does, trusting neither. Change it here if the live spec says otherwise.
 */
export const QUERY_PAGE_SIZE = 100;

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
	pageSize = QUERY_PAGE_SIZE,
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

/** Return All on a paged endpoint: `readEveryPage` over n8n's offset paging of the operation. */
export async function readAllPages(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	paging: IN8nRequestOperationPaginationOffset['properties'],
): Promise<INodeExecutionData[]> {
	const where = paging.type === 'body' ? 'body' : 'qs';
	const readPage: PageReader<INodeExecutionData> = async (limit, offset) => {
		const options = { ...requestData.options };
		options[where] = {
			...((options[where] as IDataObject) ?? {}),
			[paging.limitParameter]: limit,
			[paging.offsetParameter]: offset,
		};
		return await this.makeRoutingRequest({ ...requestData, options });
	};
	return await readEveryPage(readPage, (item) => recordKey(item.json), paging.pageSize);
}

const queryPagination: INodePropertyRouting['operations'] = {
	pagination: {
		type: 'offset',
		properties: {
			limitParameter: 'limit',
			offsetParameter: 'offset',
			pageSize: QUERY_PAGE_SIZE,
			type: 'body',
		},
	},
};

/** Return All + Limit for a query endpoint: Return All pages through everything, Limit asks the API for that many. */
function pagedReturnAllAndLimit(): INodeProperties[] {
	const [returnAll, limit] = returnAllAndLimit();
	return [
		// Return All pages through everything: the shared request wrapper (transport/send.ts) runs queryPagination then.
		returnAll,
		{
			...limit,
			typeOptions: { minValue: 1, maxValue: QUERY_PAGE_SIZE },
			routing: { send: { type: 'body', property: 'limit' }, output: { maxResults: '={{ $value }}' } },
		},
	];
}

/**
 * Routing of a "Get Many" on a POST …/query endpoint. INFERRED: the query body is an open filter object
 * (QueryRequest), so Filters (JSON) is merged into it as it is; paging (limit/offset) is the shared query pagination.
 */
export function queryRouting(url: string): INodePropertyRouting {
	return {
		request: { method: 'POST', url },
		send: { preSend: [mergeJsonIntoBody('filtersJson', 'Filters (JSON)')] },
		operations: queryPagination,
	};
}

/**
 * Fields of a "Get Many" on a POST …/query endpoint: Return All + Limit, the operation's own `filterFields` if any,
 * then Filters (JSON), described by `filtersDescription`.
 */
export function queryFields(filtersDescription: string, filterFields: INodeProperties[] = []): INodeProperties[] {
	return [
		...pagedReturnAllAndLimit(),
		...filterFields,
		{
			displayName: 'Filters (JSON)',
			name: 'filtersJson',
			type: 'json',
			default: '{}',
			description: filtersDescription,
		},
	];
}
