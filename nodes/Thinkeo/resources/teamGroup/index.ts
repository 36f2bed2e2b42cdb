import { defineResource } from '../../shared/operation';

export const teamGroupResource = defineResource({
	value: 'teamGroup',
	name: 'Team Group',
	description: 'User groups of the team, with the Apps and users shared with them',
	operations: [],
});
