import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyRouting,
} from 'n8n-workflow';

import { additionalBodyField, filtersCollection, sendAdditionalBody } from '../../operationKit/fields';
import { inputError } from '../../transport/inputError';
import { parseJsonParameter } from '../../operationKit/json';
import { idLocator, isUuid } from '../../operationKit/locators';

/**
 * Fields shared by the App operations, and the routing of the two statistics endpoints; each operation file keeps
 * its own inferred choices.
 */

export const appLocator = (description = 'The App to use'): INodeProperties =>
	idLocator({ name: 'appId', label: 'App', searchListMethod: 'searchApps', description });

/** Fills the `{version}` placeholder of the path: `latest`, `preview` or a version string. */
export const versionField: INodeProperties = {
	displayName: 'Version',
	name: 'version',
	type: 'string',
	default: 'latest',
	required: true,
	placeholder: 'e.g. 1.0.0',
	description:
		'Which version: "latest" (the newest published version), "preview" (the unpublished working copy) or a version string such as 1.0.0',
};

/** The documented AiConfig of an App, one optional field per setting, sent as `aiConfig.<setting>`. */
export function aiConfigOptions(): INodeProperties[] {
	const number = (displayName: string, name: string, minValue: number, maxValue: number, description: string): INodeProperties => ({
		displayName,
		name,
		type: 'number',
		typeOptions: { minValue, maxValue, numberPrecision: 2 },
		default: 0,
		description,
		routing: { send: { type: 'body', property: `aiConfig.${name}` } },
	});
	return [
		{
			displayName: 'AI Model',
			name: 'model',
			type: 'string',
			default: '',
			placeholder: 'e.g. gpt-4o-mini',
			description: 'LLM the App uses by default',
			routing: { send: { type: 'body', property: 'aiConfig.model' } },
		},
		{
			displayName: 'AI System Prompt',
			name: 'systemPrompt',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			description: 'System prompt given to the LLM',
			routing: { send: { type: 'body', property: 'aiConfig.systemPrompt' } },
		},
		number('AI Temperature', 'temperature', 0, 2, 'Sampling temperature, from 0 to 2 (Thinkeo defaults to 1)'),
		number('AI Top P', 'topP', 0, 1, 'Nucleus sampling, from 0 to 1 (Thinkeo defaults to 1)'),
		number('AI Frequency Penalty', 'frequencyPenalty', -2, 2, 'From -2 to 2 (Thinkeo defaults to 0)'),
		number('AI Presence Penalty', 'presencePenalty', -2, 2, 'From -2 to 2 (Thinkeo defaults to 0)'),
	];
}

/** Name and steps of the Wizard schema (appId is sent from the App field). */
export function wizardFields(): INodeProperties[] {
	return [
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			required: true,
			description: 'Name of the wizard',
			routing: { send: { type: 'body', property: 'name' } },
		},
		{
			displayName: 'Steps (JSON)',
			name: 'steps',
			type: 'json',
			default: '[]',
			required: true,
			description:
				'The wizard steps as a JSON array, each like {"label": "…", "data": {"kind": "choice", "options": […]}, "nextStep": null} (a step without an ID gets one)',
		},
	];
}

/** preSend for the wizard body: `appId` from the App field and `steps` parsed from JSON and checked to be a list. */
export async function sendWizardBody(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
	const steps = parseJsonParameter.call(this, 'steps', 'Steps (JSON)', '[]');
	if (!Array.isArray(steps)) {
		throw inputError(this.getNode(), 'Steps (JSON): expected a JSON array of wizard steps, e.g. [{"label": "…"}]', {
			itemIndex: this.getItemIndex(),
		});
	}
	const appId = this.getNodeParameter('appId', '', { extractValue: true }) as string;
	const body = { ...((requestOptions.body as IDataObject) ?? {}), appId, steps };
	return { ...requestOptions, body };
}

/** An optional "App IDs" text field (comma-separated) sent as the `appIds` array. */
const appIdsField: INodeProperties = {
	displayName: 'App IDs',
	name: 'appIds',
	type: 'string',
	default: '',
	placeholder: 'e.g. 0193a5b2-7c1e-7d3f-9a8b-1c2d3e4f5a6b, 0193a5b2-…',
	description: 'Comma-separated App IDs to limit the answer to. Leave empty for every App of the team.',
};

/** preSend turning the comma-separated `filters.appIds` into a checked `appIds` array in the body. */
async function sendAppIds(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
	const raw = String(this.getNodeParameter('filters.appIds', '') ?? '');
	const appIds = raw
		.split(/[\s,]+/)
		.map((id) => id.trim())
		.filter(Boolean);
	if (appIds.length === 0) return requestOptions;
	const invalid = appIds.find((id) => !isUuid(id));
	if (invalid) {
		throw inputError(this.getNode(), `App IDs: "${invalid}" is not a valid App ID (expected a UUID)`, {
			itemIndex: this.getItemIndex(),
		});
	}
	return { ...requestOptions, body: { ...((requestOptions.body as IDataObject) ?? {}), appIds } };
}

/** Routing of the App statistics endpoints (prices, usage): a POST whose open body carries the App IDs filter. */
export function appStatisticsRouting(url: string): INodePropertyRouting {
	return {
		request: { method: 'POST', url },
		send: { preSend: [sendAppIds, sendAdditionalBody] },
	};
}

/** Fields of the App statistics endpoints: Filters with App IDs and `moreFilters`, then Additional Body (JSON). */
export function appStatisticsFields(moreFilters: INodeProperties[] = []): INodeProperties[] {
	return [filtersCollection([appIdsField, ...moreFilters]), additionalBodyField];
}
