import { defineOperation } from '../../operationKit/builder';
import { secretField, withoutPasswords } from './fields';

export const setPassword = defineOperation({
	value: 'setPassword',
	publicEndpoint: true,
	name: 'Set Password',
	action: 'Set a new password',
	description:
		"Set a new account password, with either the token of a reset email or the current password of the credential's account. Returns Thinkeo's answer without any password, or success: true when it is empty (PUT /auth/password).",
	// INFERRED: the reference leaves the body open ("reset token or current session"); the node sends
	// {token, password} or {currentPassword, password}.
	routing: {
		request: { method: 'PUT', url: '/auth/password' },
		output: { postReceive: [withoutPasswords] },
	},
	fields: [
		{
			displayName: 'Authorize With',
			name: 'authorizeWith',
			type: 'options',
			default: 'resetToken',
			options: [
				{
					name: 'Current Password',
					value: 'currentPassword',
					description: "The current password of the account behind the credential's token",
				},
				{ name: 'Reset Token', value: 'resetToken', description: 'The token from a password reset email' },
			],
		},
		secretField('resetToken', 'Reset Token', 'The token from the password reset email', 'token', {
			displayOptions: { show: { authorizeWith: ['resetToken'] } },
		}),
		secretField('currentPassword', 'Current Password', 'The password the account has now', 'currentPassword', {
			displayOptions: { show: { authorizeWith: ['currentPassword'] } },
		}),
		secretField('newPassword', 'New Password', 'The new password', 'password'),
	],
});
