import type { INodeExecutionData, INodeProperties, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, updateDisplayOptions } from 'n8n-workflow';

import { outputFilesFields } from './generation/output/generatedFiles';
import { credentialTest } from './methods/credentialTest';
import { listSearch } from './methods/listSearch';
import { idLocator } from './operationKit/locators';
import type { TriggerEvent } from './trigger/event';
import { newAttachment } from './trigger/newAttachment';
import { newPublication } from './trigger/newPublication';
import { newTeamLogEntry } from './trigger/newTeamLogEntry';
import { QUERY_PAGE_SIZE } from './transport/paging';
import { pollError } from './trigger/pollError';

type EventName = 'newPublication' | 'newAttachment' | 'newLogEntry';

/** Each event's poll and example, one file each under trigger/. */
const events: Record<EventName, TriggerEvent> = {
	newPublication,
	newAttachment,
	newLogEntry: newTeamLogEntry,
};

const properties: INodeProperties[] = [
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		default: 'newPublication',
		options: [
			{
				name: 'New Publication',
				value: 'newPublication',
				description: 'A publication was generated, optionally only for one App',
			},
			{
				name: 'New Attachment on a Publication',
				value: 'newAttachment',
				description: 'A file was attached to a publication (linked from one of its File attributes)',
			},
			{
				name: 'New Team Log Entry',
				value: 'newLogEntry',
				description: 'An entry was added to the activity log of the team, optionally only of some types',
			},
		],
	},
	{
		displayName: 'Watch',
		name: 'watch',
		type: 'options',
		noDataExpression: true,
		default: 'recent',
		options: [
			{
				name: 'Recent Publications',
				value: 'recent',
				description: 'The newest publications of the team (or of one App), new ones included as they appear',
			},
			{ name: 'One Publication', value: 'publication', description: 'A single publication chosen here' },
		],
		displayOptions: { show: { event: ['newAttachment'] } },
	},
	{
		...idLocator({
			name: 'publicationId',
			label: 'Publication',
			searchListMethod: 'searchPublications',
			description: 'The publication whose new attachments start the workflow',
		}),
		displayOptions: { show: { event: ['newAttachment'], watch: ['publication'] } },
	},
	{
		...idLocator({
			name: 'appId',
			label: 'App',
			searchListMethod: 'searchApps',
			required: false,
			description: 'Only publications of this App. Leave empty for every App of the team.',
		}),
		displayOptions: { show: { event: ['newPublication', 'newAttachment'] }, hide: { watch: ['publication'] } },
	},
	{
		displayName: 'Publications to Watch',
		name: 'watchCount',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: QUERY_PAGE_SIZE },
		default: 20,
		description:
			'How many of the newest publications to check for new attachments at each poll; each one costs a request',
		displayOptions: { show: { event: ['newAttachment'], watch: ['recent'] } },
	},
	{
		displayName: 'Entry Types',
		name: 'logTypes',
		type: 'string',
		default: '',
		placeholder: 'e.g. member.invite, group.*',
		description:
			'Comma-separated types of entries to react to (the action of an entry, such as member.invite); a trailing * matches every type that starts with what precedes it. Leave empty for every entry.',
		displayOptions: { show: { event: ['newLogEntry'] } },
	},
	...updateDisplayOptions({ show: { event: ['newPublication'] } }, outputFilesFields),
];

export class ThinkeoTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Thinkeo Trigger',
		name: 'thinkeoTrigger',
		icon: { light: 'file:thinkeo.svg', dark: 'file:thinkeo.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ { newPublication: "New Publication", newAttachment: "New Attachment on a Publication", newLogEntry: "New Team Log Entry" }[$parameter["event"]] }}',
		// n8n's nodes panel shows one "Thinkeo" entry for both nodes, with this description: it speaks for both.
		description: 'Generate documents with Thinkeo Apps and start workflows when publications, attachments or team log entries appear',
		documentationUrl: 'https://github.com/thinkeo/n8n-nodes-thinkeo#thinkeo-trigger',
		defaults: { name: 'Thinkeo Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'thinkeoApi', required: true, testedBy: 'thinkeoApiTest' }],
		properties,
	};

	methods = {
		credentialTest,
		listSearch: { searchApps: listSearch.searchApps, searchPublications: listSearch.searchPublications },
	};

	/**
	 * Emits each record not seen before once, oldest first, one item each, also one listed late (within the look-back
	 * window of pollState.ts). The position is kept in the workflow's static data, which n8n saves with each
	 * execution and at activation; the first activation only records where the lists stand. A manual test run shows
	 * the newest record and leaves the position alone.
	 */
	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = events[this.getNodeParameter('event') as EventName];
		const scheduled = this.getMode() !== 'manual';
		const now = Date.now();
		try {
			if (!scheduled) return [[await event.example.call(this, now)]];
			const items = await event.poll.call(this, this.getWorkflowStaticData('node'), now);
			return items.length ? [items] : null;
		} catch (error) {
			throw pollError(this.getNode(), error, scheduled);
		}
	}
}
