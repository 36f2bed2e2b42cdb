import { defineOperation } from '../../operation/builder';
import { queryFields, queryRouting } from '../../operation/pagination';

export const getManyBlocks = defineOperation({
	value: 'getMany',
	name: 'Get Many',
	action: 'Get many blocks',
	description:
		'Search the blocks of the team, optionally filtered (e.g. by kind or name), and return one item per block (POST /blocks/query)',
	routing: queryRouting('/blocks/query'),
	fields: queryFields('Filter object sent in the query body, e.g. {"kind": "paragraph"} or {"name": "intro"}'),
});
