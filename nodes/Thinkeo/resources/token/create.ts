import { additionalFields } from '../../operationKit/fields';
import { defineOperation } from '../../operationKit/builder';
import { idLocator } from '../../operationKit/locators';

export const createToken = defineOperation({
	value: 'create',
	name: 'Create',
	action: 'Create an API token',
	description:
		'Create a permanent team API token (tkak_…) and return it with its ID and expiration (POST /tokens). The secret is only shown once.',
	// Documented: every parameter of POST /tokens travels in the query string.
	routing: { request: { method: 'POST', url: '/tokens' } },
	notInThePast: ['additionalFields.expiration'],
	fields: [
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: 'n8n',
			required: true,
			description: 'Name shown for the token in Thinkeo under Team → API',
			routing: { send: { type: 'query', property: 'name' } },
		},
		additionalFields([
			{
				displayName: 'Expiration',
				name: 'expiration',
				type: 'dateTime',
				default: '',
				description: 'When the token stops working. Without it Thinkeo applies its own default.',
				// Sent as ISO 8601 by the shared field checks (validateFields), which refuse a past date or one that is not a date.
				routing: { send: { type: 'query', property: 'expiration' } },
			},
			{
				displayName: 'Single Use',
				name: 'once',
				type: 'boolean',
				default: false,
				description: 'Whether the token stops working after its first use',
				routing: { send: { type: 'query', property: 'once' } },
			},
			{
				displayName: 'Scopes',
				name: 'scopes',
				type: 'string',
				default: '',
				description:
					'Rights of the token as Thinkeo expects them (all rights, or generate publications only). Leave empty for all rights.',
				routing: { send: { type: 'query', property: 'scopes' } },
			},
			{
				...idLocator({
					name: 'team',
					label: 'Team',
					searchListMethod: 'searchTeams',
					description: 'Team the token belongs to. Defaults to the team of the credential.',
					required: false,
				}),
				routing: { send: { type: 'query', property: 'team' } },
			},
		]),
	],
});
