import { emailField } from '../../operationKit/fields';
import { defineOperation } from '../../operationKit/builder';
import { roleField } from './fields';

export const inviteTeamMember = defineOperation({
	value: 'invite',
	name: 'Invite',
	action: 'Invite a team member',
	description:
		'Invite someone to the current team by email with a role (User, Architect or Administrator); returns the new member with their user ID (POST /teams/users)',
	// INFERRED: the reference leaves the body open; the node sends {email, role} with the platform's role names.
	routing: { request: { method: 'POST', url: '/teams/users' } },
	fields: [
		emailField('Email address of the person to invite'),
		roleField('Role the person gets in the team'),
	],
});
