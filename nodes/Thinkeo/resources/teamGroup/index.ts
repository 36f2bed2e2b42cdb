import { defineResource } from '../../operationKit/builder';
import { addTeamGroupApps } from './addApps';
import { addTeamGroupUsers } from './addUsers';
import { createTeamGroup } from './create';
import { deleteTeamGroup } from './delete';
import { getTeamGroupApps } from './getApps';
import { getManyTeamGroups } from './getMany';
import { getTeamGroupUsers } from './getUsers';
import { removeTeamGroupApp } from './removeApp';
import { removeTeamGroupUser } from './removeUser';
import { updateTeamGroup } from './update';

export const teamGroupResource = defineResource({
	value: 'teamGroup',
	name: 'Team Group',
	description: 'User groups of the team, with the Apps and users shared with them',
	operations: [
		getManyTeamGroups,
		createTeamGroup,
		updateTeamGroup,
		deleteTeamGroup,
		getTeamGroupApps,
		addTeamGroupApps,
		removeTeamGroupApp,
		getTeamGroupUsers,
		addTeamGroupUsers,
		removeTeamGroupUser,
	],
});
