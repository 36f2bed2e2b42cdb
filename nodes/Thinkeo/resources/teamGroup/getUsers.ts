import { returnAllAndLimit } from '../../operationKit/fields';
import { defineOperation } from '../../operationKit/builder';
import { groupLocator } from './fields';

export const getTeamGroupUsers = defineOperation({
	value: 'getUsers',
	name: 'Get Users',
	action: 'Get the users of a user group',
	description: 'List the members of a user group, one item per user with ID, email and name (GET /teams/groups/{groupId}/users)',
	// INFERRED: GET answering an array of users.
	routing: { request: { method: 'GET', url: '/teams/groups/{groupId}/users' } },
	fields: [groupLocator(), ...returnAllAndLimit()],
});
