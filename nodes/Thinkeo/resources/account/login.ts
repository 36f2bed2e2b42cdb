import { additionalFields, emailField } from '../../operationKit/fields';
import { idLocator } from '../../operationKit/locators';
import { defineOperation } from '../../operationKit/builder';
import { secretField, withoutPasswords } from './fields';

export const login = defineOperation({
	value: 'login',
	publicEndpoint: true,
	name: 'Login',
	action: 'Log in with email and password',
	description:
		'Log in to Thinkeo with an email and password and return a session: accessToken (tkat_…, valid a few minutes) and refreshToken (POST /auth/login)',
	// Documented: body {email, password, rememberMe} → {accessToken, refreshToken}.
	// INFERRED: the optional `team` query parameter binds the session to a team (cut off in the stored guide).
	routing: {
		request: { method: 'POST', url: '/auth/login' },
		output: { postReceive: [withoutPasswords] },
	},
	fields: [
		emailField('Email address of the Thinkeo account'),
		secretField('password', 'Password', 'Password of the Thinkeo account. It is sent only in this request body.', 'password'),
		additionalFields([
			{
				displayName: 'Remember Me',
				name: 'rememberMe',
				type: 'boolean',
				default: false,
				description: 'Whether to ask for a longer-lived session',
				routing: { send: { type: 'body', property: 'rememberMe' } },
			},
			{
				...idLocator({
					name: 'team',
					label: 'Team',
					searchListMethod: 'searchTeams',
					description: 'Team the session is for, when the account belongs to several',
					required: false,
				}),
				routing: { send: { type: 'query', property: 'team' } },
			},
		]),
	],
});
