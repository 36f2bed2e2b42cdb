import { returnAllAndLimit } from '../../operationKit/fields';
import { defineOperation } from '../../operationKit/builder';

export const getManyTeamMembers = defineOperation({
	value: 'getMany',
	name: 'Get Many',
	action: 'Get many team members',
	description:
		'List the members of the current team, one item per user with ID, email, name, role and invitation status (GET /teams/users)',
	// INFERRED: GET answering the whole array (the reference shows no method and no paging).
	routing: { request: { method: 'GET', url: '/teams/users' } },
	fields: returnAllAndLimit(),
});
