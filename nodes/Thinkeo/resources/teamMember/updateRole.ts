import { defineOperation } from '../../operationKit/builder';
import { memberLocator, roleField } from './fields';

export const updateTeamMemberRole = defineOperation({
	value: 'updateRole',
	name: 'Update Role',
	action: 'Change the role of a team member',
	description:
		"Change a team member's role to User, Architect or Administrator; returns the updated member (PUT /teams/users/{userId})",
	// INFERRED: the body is {role}, with the platform's role names.
	routing: { request: { method: 'PUT', url: '/teams/users/{userId}' } },
	fields: [memberLocator(), roleField('New role of the member')],
});
