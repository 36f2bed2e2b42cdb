import { defineOperation } from '../../operationKit/builder';
import { secretField } from './fields';

export const verifySso = defineOperation({
	value: 'verifySso',
	publicEndpoint: true,
	name: 'Verify SSO',
	action: 'Complete an SSO login',
	description:
		'Complete a single sign-on login with the code and state the provider returned; returns a session: accessToken and refreshToken (POST /auth/sso/verify)',
	// INFERRED: the reference shows no body; the node sends the callback's {code, state}.
	routing: {
		request: { method: 'POST', url: '/auth/sso/verify' },
	},
	fields: [
		secretField('code', 'Code', 'The authorization code the provider sent back', 'code'),
		{
			displayName: 'State',
			name: 'state',
			type: 'string',
			default: '',
			required: true,
			description: 'The state returned by Start SSO Login and echoed by the provider',
			routing: { send: { type: 'body', property: 'state' } },
		},
	],
});
