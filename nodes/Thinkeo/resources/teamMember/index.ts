import { defineResource } from '../../operationKit/builder';
import { getManyTeamMembers } from './getMany';
import { inviteTeamMember } from './invite';
import { removeTeamMember } from './remove';
import { updateTeamMemberRole } from './updateRole';

export const teamMemberResource = defineResource({
	value: 'teamMember',
	name: 'Team Member',
	description: 'Members of the team and their roles',
	operations: [getManyTeamMembers, inviteTeamMember, updateTeamMemberRole, removeTeamMember],
});
