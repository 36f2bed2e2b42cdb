import type { INodeProperties, INodePropertyRouting } from 'n8n-workflow';

import { returnAllAndLimit } from './fields';
import { mergeJsonIntoBody } from './json';

/**
 * Paging of the POST …/query endpoints. INFERRED: the reference documents no paging parameters for these
 * open-filter bodies, so the node sends `limit` and `offset` in the JSON body and reads pages as `readEveryPage`
 * (transport/paging.ts) does, trusting neither. Change it here if the live spec says otherwise.
 */
export const QUERY_PAGE_SIZE = 100;

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
		// Return All pages through everything: the routed request wrapper (transport/routedRequest.ts) runs readAllPages then.
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
