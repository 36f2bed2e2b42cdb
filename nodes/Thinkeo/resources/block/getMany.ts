import { mergeJsonIntoBody } from '../../shared/json';
import { defineOperation } from '../../shared/operation';
import { pagedReturnAllAndLimit, queryPagination } from '../../shared/pagination';

export const getManyBlocks = defineOperation({
	value: 'getMany',
	name: 'Get Many',
	action: 'Get many blocks',
	description:
		'Search the blocks of the team, optionally filtered (e.g. by kind or name), and return one item per block (POST /blocks/query)',
	routing: {
		request: { method: 'POST', url: '/blocks/query' },
		send: { preSend: [mergeJsonIntoBody('filters', 'Filters (JSON)')] },
		operations: queryPagination,
	},
	fields: [
		...pagedReturnAllAndLimit(),
		{
			displayName: 'Filters (JSON)',
			name: 'filters',
			type: 'json',
			default: '{}',
			description: 'Filter object sent in the query body, e.g. {"kind": "paragraph"} or {"name": "intro"}',
		},
	],
});
