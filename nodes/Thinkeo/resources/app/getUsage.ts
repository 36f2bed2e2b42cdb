import { defineOperation } from '../../operationKit/builder';
import { appStatisticsFields, appStatisticsRouting } from './common';

// INFERRED: the body is an open object; the node sends `appIds` and a `from`/`to` period (ISO 8601) when set, and
// an array answer becomes one item per App.
export const getAppUsage = defineOperation({
	value: 'getUsage',
	name: 'Get Usage',
	action: 'Get the usage of apps',
	description:
		'Get how many publications each App generated and the credits they used, optionally for given App IDs and a period; one item per App when Thinkeo answers a list (POST /apps/usage)',
	routing: appStatisticsRouting('/apps/usage'),
	fields: appStatisticsFields([
		{
			displayName: 'From',
			name: 'from',
			type: 'dateTime',
			default: '',
			description: 'Start of the period (inclusive)',
			// Sent as ISO 8601 by the shared field checks (validateFields), which refuse a value that is not a date.
			routing: { send: { type: 'body', property: 'from' } },
		},
		{
			displayName: 'To',
			name: 'to',
			type: 'dateTime',
			default: '',
			description: 'End of the period (exclusive)',
			routing: { send: { type: 'body', property: 'to' } },
		},
	]),
});
