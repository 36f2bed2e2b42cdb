import type { INodeProperties, INodePropertyRouting } from 'n8n-workflow';

import { QUERY_PAGE_SIZE } from '../transport/paging';
import { returnAllAndLimit } from './fields';
import { mergeJsonIntoBody } from './json';

/** Return All + Limit for a query endpoint: Return All pages through everything, Limit asks the API for that many. */
function pagedReturnAllAndLimit(): INodeProperties[] {
	const [returnAll, limit] = returnAllAndLimit();
	return [
		// Return All pages through everything: the operation's `paging` (QUERY_PAGING) has wrapEveryRequest run readAllPages.
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
 * (QueryRequest), so Filters (JSON) is merged into it as it is; its operation pages with QUERY_PAGING
 * (transport/paging.ts).
 */
export function queryRouting(url: string): INodePropertyRouting {
	return {
		request: { method: 'POST', url },
		send: { preSend: [mergeJsonIntoBody('filtersJson', 'Filters (JSON)')] },
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
