import { defineOperation } from '../../operationKit/builder';
import { queryFields, queryRouting } from '../../operationKit/pagination';
import { QUERY_PAGING } from '../../transport/paging';

export const getManyBlocks = defineOperation({
	value: 'getMany',
	name: 'Get Many',
	action: 'Get many blocks',
	description:
		'Search the blocks of the team, optionally filtered (e.g. by kind or name), and return one item per block (POST /blocks/query)',
	routing: queryRouting('/blocks/query'),
	paging: QUERY_PAGING,
	fields: queryFields('Filter object sent in the query body, e.g. {"kind": "paragraph"} or {"name": "intro"}'),
});
