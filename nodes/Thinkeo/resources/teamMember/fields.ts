import type { INodeProperties } from 'n8n-workflow';

import { idLocator } from '../../operationKit/locators';

/** Team roles as the platform names them (platform guide, Team Management). */
export const roleField = (description: string): INodeProperties => ({
	displayName: 'Role',
	name: 'role',
	type: 'options',
	default: 'User',
	required: true,
	description,
	options: [
		{ name: 'Administrator', value: 'Administrator', description: 'Manages the team, its members and its API tokens' },
		{ name: 'Architect', value: 'Architect', description: 'Builds and edits Apps' },
		{ name: 'User', value: 'User', description: 'Uses the Apps shared with them' },
	],
	routing: { send: { type: 'body', property: 'role' } },
});

export const memberLocator = () =>
	idLocator({ name: 'userId', label: 'Member', searchListMethod: 'searchTeamMembers', description: 'The member of the team' });
