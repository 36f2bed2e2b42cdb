import type { INodeProperties, INodePropertyRouting } from 'n8n-workflow';

/**
 * Paging of the POST …/query endpoints. INFERRED: the reference documents no paging parameters for these
 * open-filter bodies, so the node sends `limit` and `offset` in the JSON body and reads pages until one comes back
 * short. Change it here if the live spec says otherwise.
 */
export const QUERY_PAGE_SIZE = 100;

export const queryPagination: INodePropertyRouting['operations'] = {
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
export function pagedReturnAllAndLimit(): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			routing: { send: { paginate: '={{ $value }}' } },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: QUERY_PAGE_SIZE },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
			routing: { send: { type: 'body', property: 'limit' }, output: { maxResults: '={{ $value }}' } },
		},
	];
}
