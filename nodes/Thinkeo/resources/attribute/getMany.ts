import { mergeJsonIntoBody } from '../../shared/json';
import { defineOperation } from '../../shared/operation';
import { pagedReturnAllAndLimit, queryPagination } from '../../shared/pagination';

export const getManyAttributes = defineOperation({
	value: 'getMany',
	name: 'Get Many',
	action: 'Get many attributes',
	description:
		'List the attributes of the team, one item each with ID, name and kind, e.g. to find the attribute IDs a publication needs; optionally filtered (POST /attributes/query)',
	routing: {
		request: { method: 'POST', url: '/attributes/query' },
		// INFERRED: the query body is an open filter object (QueryRequest), so the filters JSON is merged into it
		// as it is; paging (limit/offset) comes from the shared query pagination.
		send: { preSend: [mergeJsonIntoBody('filtersJson', 'Filters (JSON)')] },
		operations: queryPagination,
	},
	fields: [
		...pagedReturnAllAndLimit(),
		{
			displayName: 'Filters (JSON)',
			name: 'filtersJson',
			type: 'json',
			default: '{}',
			description: 'Filter properties sent in the query body as Thinkeo accepts them, e.g. {"kind": "file"}. Leave {} for every attribute.',
		},
	],
});
