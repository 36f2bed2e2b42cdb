import { returnAllAndLimit } from '../../operationKit/fields';
import { defineOperation } from '../../operationKit/builder';

export const getManyTeamGroups = defineOperation({
	value: 'getMany',
	name: 'Get Many',
	action: 'Get many user groups',
	description: 'List the user groups of the current team, one item per group with its ID and name (GET /teams/groups)',
	// INFERRED: GET answering the whole array (the reference shows no method and no paging).
	routing: { request: { method: 'GET', url: '/teams/groups' } },
	fields: returnAllAndLimit(),
});
