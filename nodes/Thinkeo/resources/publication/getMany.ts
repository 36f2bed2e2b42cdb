import { defineOperation } from '../../operationKit/builder';
import { queryFields, queryRouting } from '../../operationKit/pagination';
import { QUERY_PAGING } from '../../transport/paging';

export const getManyPublications = defineOperation({
	value: 'getMany',
	name: 'Get Many',
	action: 'Get many publications',
	description:
		'List the publications of the team, oldest first, one item each with ID, name, App, version and attribute values; optionally filtered (POST /publications/query)',
	routing: queryRouting('/publications/query'),
	paging: QUERY_PAGING,
	fields: queryFields(
		'Filter properties sent in the query body as Thinkeo accepts them, e.g. {"appId": "0193a5b2-7c1e-7d3f-9a8b-1c2d3e4f5a6b"}. Leave {} for every publication.',
	),
});
