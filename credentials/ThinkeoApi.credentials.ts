import type {
	Icon,
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { singleFlight } from './common/singleFlight';
import { credentialIdentity, EXCHANGE_TIME_LIMIT, MAX_LIFETIME_DAYS, renewTeamToken } from './common/teamTokenExchange';

/**
 * Email & Password mode: preAuthentication turns the account into a team API token (common/teamTokenExchange.ts),
 * one exchange at a time per credential (common/singleFlight.ts), since every exchange creates a permanent token,
 * within one deadline (common/deadline.ts). The Test button runs the node's credentialTest method
 * (nodes/Thinkeo/methods/credentialTest.ts): n8n's own test request would name no host a failed connection had.
 */
export class ThinkeoApi implements ICredentialType {
	name = 'thinkeoApi';

	displayName = 'Thinkeo API';

	icon: Icon = { light: 'file:../nodes/Thinkeo/thinkeo.svg', dark: 'file:../nodes/Thinkeo/thinkeo.dark.svg' };

	documentationUrl = 'https://github.com/thinkeo/n8n-nodes-thinkeo#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{
					name: 'Email & Password',
					value: 'emailPassword',
					description: 'Sign in with your Thinkeo account; n8n creates and renews a team API token for you',
				},
				{
					name: 'API Token',
					value: 'apiToken',
					description: 'Paste a team API token (tkak_…) created in Thinkeo under Team → API',
				},
			],
			default: 'emailPassword',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.thinkeo.io/v1',
			description: 'Root of the Thinkeo API. The public API docs show https://api.thinkeo.io/v0 in their examples.',
		},
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@example.com',
			default: '',
			required: true,
			displayOptions: { show: { authentication: ['emailPassword'] } },
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authentication: ['emailPassword'] } },
		},
		{
			displayName: 'Team ID',
			name: 'teamId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 0193a5b2-…',
			description:
				'Team the API token belongs to. Leave empty if your account is in a single team; with several teams the error message lists their IDs.',
			displayOptions: { show: { authentication: ['emailPassword'] } },
		},
		{
			displayName: 'Token Name',
			name: 'label',
			type: 'string',
			default: 'n8n',
			description: 'Name of the API token n8n creates, as shown in Thinkeo under Team → API',
			displayOptions: { show: { authentication: ['emailPassword'] } },
		},
		{
			displayName: 'Token Lifetime (Days)',
			name: 'lifetimeDays',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_LIFETIME_DAYS },
			default: 90,
			description:
				'How long each created token stays valid (at most 36500 days). n8n creates a new one when Thinkeo rejects the old one everywhere.',
			displayOptions: { show: { authentication: ['emailPassword'] } },
		},
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'tkak_…',
			displayOptions: { show: { authentication: ['apiToken'] } },
		},
		{
			// Filled by preAuthentication and kept (encrypted) in n8n's credential store; never typed by the user.
			displayName: 'Team Token',
			name: 'teamToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		// n8n calls this while teamToken is empty and again after a 401; API Token mode has nothing to exchange.
		if (credentials.authentication === 'apiToken') return {};
		const held = String(credentials.teamToken ?? '');
		return {
			teamToken: await singleFlight(
				credentialIdentity(credentials),
				held,
				async (deadline) => await renewTeamToken(this, credentials, deadline),
				EXCHANGE_TIME_LIMIT,
			),
		};
	}

	// A function rather than an expression: it runs for every request, and n8n's expression engine costs more.
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const token = credentials.authentication === 'apiToken' ? credentials.apiToken : credentials.teamToken;
		return { ...requestOptions, headers: { ...requestOptions.headers, Authorization: `Bearer ${String(token)}` } };
	}
}
