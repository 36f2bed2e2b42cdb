import { defineResource } from '../../shared/operation';

export const teamMemberResource = defineResource({
	value: 'teamMember',
	name: 'Team Member',
	description: 'Members of the team and their roles',
	operations: [],
});
