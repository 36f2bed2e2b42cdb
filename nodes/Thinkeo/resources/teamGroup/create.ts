import { additionalBodyField, additionalFields, requiredNameField, sendAdditionalBody } from '../../operationKit/fields';
import { defineOperation } from '../../operationKit/builder';
import { groupDescriptionOption } from './fields';

export const createTeamGroup = defineOperation({
	value: 'create',
	name: 'Create',
	action: 'Create a user group',
	description: 'Create a user group in the current team and return it with its ID (POST /teams/groups)',
	// INFERRED: the reference leaves the body open; the node sends {name, description} plus the optional JSON.
	routing: {
		request: { method: 'POST', url: '/teams/groups' },
		send: { preSend: [sendAdditionalBody] },
	},
	fields: [
		requiredNameField('Name of the group, unique in the team'),
		additionalFields([groupDescriptionOption]),
		additionalBodyField,
	],
});
