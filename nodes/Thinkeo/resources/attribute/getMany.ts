import { defineOperation } from '../../operationKit/builder';
import { queryFields, queryRouting } from '../../operationKit/pagination';
import { QUERY_PAGING } from '../../transport/paging';
import { simplifyField, simplifyItems } from '../../simplify/option';
import { simpleAttribute } from '../../simplify/records';

export const getManyAttributes = defineOperation({
	value: 'getMany',
	name: 'Get Many',
	action: 'Get many attributes',
	description:
		'List the attributes of the team, one item each with ID, name and kind, e.g. to find the attribute IDs a publication needs; optionally filtered; with Simplify, ID, name, kind and whether it takes several values only (POST /attributes/query)',
	routing: {
		...queryRouting('/attributes/query'),
		output: { postReceive: [simplifyItems(simpleAttribute)] },
	},
	paging: QUERY_PAGING,
	fields: queryFields(
		'Filter properties sent in the query body as Thinkeo accepts them, e.g. {"kind": "file"}. Leave {} for every attribute.',
		[simplifyField],
	),
});
