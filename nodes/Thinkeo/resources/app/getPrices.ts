import { defineOperation } from '../../operationKit/builder';
import { appStatisticsFields, appStatisticsRouting } from './common';

// INFERRED: the body is an open object; the node sends `appIds` (a list of App UUIDs) to narrow the answer, and an
// array answer becomes one item per App.
export const getAppPrices = defineOperation({
	value: 'getPrices',
	name: 'Get Prices',
	action: 'Get the prices of apps',
	description:
		'Get what a publication of each App costs in Thinkeo credits, for all Apps of the team or the given App IDs; one item per App when Thinkeo answers a list (POST /apps/prices)',
	routing: appStatisticsRouting('/apps/prices'),
	fields: appStatisticsFields(),
});
