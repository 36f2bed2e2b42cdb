import type {
	IDataObject,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { inputsOfPublication } from './generation/fileSources';
import { outputFilesFields, withOutputFiles } from './io/generatedFiles';
import { listSearch } from './methods/listSearch';
import { checkedId, idLocator } from './operation/locators';
import { QUERY_PAGE_SIZE } from './operation/pagination';
import type { PageReader } from './transport/paging';
import { readEveryPage, recordKey } from './transport/paging';
import { thinkeoRequest } from './transport/request';
import type { AttachmentWatch, LookBack, WatchedPublication } from './trigger/pollState';
import { advanceAttachmentWatch, advanceLookBack, newestFirst } from './trigger/pollState';
import { pollNewPublications, recentPublications } from './trigger/publicationPoll';

type Event = 'newPublication' | 'newAttachment' | 'newLogEntry';

/** What one poll found: the records to emit, oldest first. */
type Poll = (this: IPollFunctions, state: IDataObject, manual: boolean) => Promise<IDataObject[]>;

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

/** The records of a list answer; anything in it that is not a record (a number, null) is left out. */
function asRecords(this: IPollFunctions, answer: unknown, what: string): IDataObject[] {
	if (!Array.isArray(answer)) {
		throw new NodeOperationError(this.getNode(), `Thinkeo answered ${what} with something other than a list`);
	}
	return answer.filter((record): record is IDataObject => typeof record === 'object' && record !== null && !Array.isArray(record));
}

function appFilter(this: IPollFunctions): string {
	return checkedId(this.getNode(), 'App', this.getNodeParameter('appId', '', { extractValue: true }), {
		required: false,
	});
}

/**
 * Pages of the team's publications, or of one App's. INFERRED: the reference documents no sort or date filter for
 * POST /publications/query; pages are read with the node's shared paging (limit/offset, not trusted: see
 * readEveryPage), and the order the list comes in is relied on in trigger/publicationPoll.ts only.
 */
function publicationPages(this: IPollFunctions, appId: string): PageReader<IDataObject> {
	return async (limit, offset) =>
		asRecords.call(
			this,
			await thinkeoRequest.call(this, 'listing publications', {
				method: 'POST',
				url: '/publications/query',
				body: { ...(appId ? { appId } : {}), limit, offset },
			}),
			'POST /publications/query',
		);
}

/** The appId filter of the query body is inferred too; the Publication schema documents appId on each record. */
const ofApp = (appId: string) => (publication: IDataObject) => !appId || publication.appId === appId;

/** Every publication of the team, or of one App. */
async function listPublications(this: IPollFunctions, appId: string): Promise<IDataObject[]> {
	const publications = await readEveryPage(publicationPages.call(this, appId), recordKey, QUERY_PAGE_SIZE);
	return publications.filter(ofApp(appId));
}

function noExample(this: IPollFunctions, what: string): NodeOperationError {
	return new NodeOperationError(this.getNode(), `No ${what} found, so there is no example to show`, {
		description: 'Create one in Thinkeo (or widen the filters of this node), then fetch a test event again.',
	});
}

/** The one record a manual test run shows (the newest), so its fields can be mapped. */
function example(this: IPollFunctions, record: IDataObject | undefined, what: string): IDataObject[] {
	if (!record) throw noExample.call(this, what);
	return [record];
}

const newPublications: Poll = async function (state, manual) {
	const appId = appFilter.call(this);
	if (manual) return example.call(this, newestFirst(await listPublications.call(this, appId))[0], 'publication');
	return await pollNewPublications(publicationPages.call(this, appId), state, appId, ofApp(appId));
};

/**
 * Which publications to watch for attachments: the chosen one, or the newest `watchCount` (those created since
 * the last poll included, so a publication generated with a file fires it).
 */
async function watchedPublications(this: IPollFunctions, state: IDataObject): Promise<WatchedPublication[]> {
	const attachmentsOf = async (id: string) =>
		asRecords.call(
			this,
			await thinkeoRequest.call(this, `listing the attachments of publication ${id}`, {
				method: 'GET',
				url: `/publications/${encodeURIComponent(id)}/attachments`,
			}),
			`GET /publications/${id}/attachments`,
		);
	if (this.getNodeParameter('watch') === 'publication') {
		const id = checkedId(this.getNode(), 'Publication', this.getNodeParameter('publicationId', '', { extractValue: true }), {
			required: true,
		});
		return [{ id, attachments: await attachmentsOf(id) }];
	}
	const count = this.getNodeParameter('watchCount') as number;
	const appId = appFilter.call(this);
	const newest = await recentPublications(publicationPages.call(this, appId), state, appId, ofApp(appId), count);
	const watched: WatchedPublication[] = [];
	// One at a time: a burst of parallel requests at every poll would be unkind to the API's rate limits.
	for (const publication of newest) {
		const id = String(publication.id);
		watched.push({ id, createdAt: publication.createdAt, attachments: await attachmentsOf(id) });
	}
	return watched;
}

const newAttachments: Poll = async function (state, manual) {
	const watched = await watchedPublications.call(this, state);
	const item = (publicationId: string, attachment: IDataObject) => ({ publicationId, ...attachment });
	if (manual) {
		// Recent publications come newest first; a listing names no upload time, so its last entry stands for the newest.
		const withFiles = watched.find((publication) => publication.attachments.length > 0);
		const attachment = withFiles?.attachments[withFiles.attachments.length - 1];
		return example.call(this, attachment && item(withFiles.id, attachment), 'attachment on the watched publications');
	}
	const { fresh, state: next } = advanceAttachmentWatch(watched, state.attachmentWatch as AttachmentWatch | undefined);
	state.attachmentWatch = next;
	return fresh.map(({ publicationId, attachment }) => item(publicationId, attachment));
};

/** INFERRED: the reference documents no shape for log entries; the type of an entry is its `action`. */
function entryType(entry: IDataObject): string {
	return String(entry.action ?? '');
}

function typeMatcher(list: string): (entry: IDataObject) => boolean {
	const patterns = list
		.split(',')
		.map((pattern) => pattern.trim())
		.filter(Boolean);
	if (patterns.length === 0) return () => true;
	return (entry) =>
		patterns.some((pattern) =>
			pattern.endsWith('*') ? entryType(entry).startsWith(pattern.slice(0, -1)) : entryType(entry) === pattern,
		);
}

const newLogEntries: Poll = async function (state, manual) {
	const answer = await thinkeoRequest.call(this, 'reading the team log', { method: 'GET', url: '/teams/logs' });
	const entries = asRecords.call(this, answer, 'GET /teams/logs');
	const wanted = typeMatcher(this.getNodeParameter('logTypes', '') as string);
	if (manual) return example.call(this, newestFirst(entries.filter(wanted))[0], 'team log entry of these types');
	// Every entry counts as seen, so changing the types later does not replay old entries.
	const { fresh, state: next } = advanceLookBack(entries, state.logCursor as LookBack | undefined);
	state.logCursor = next;
	return fresh.filter(wanted);
};

const polls: Record<Event, Poll> = {
	newPublication: newPublications,
	newAttachment: newAttachments,
	newLogEntry: newLogEntries,
};

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
		credentials: [{ name: 'thinkeoApi', required: true }],
		properties,
	};

	methods = {
		listSearch: { searchApps: listSearch.searchApps, searchPublications: listSearch.searchPublications },
	};

	/**
	 * Emits each record not seen before once, oldest first, one item each, also one listed late (within the look-back
	 * window of pollState.ts). The position is kept in the workflow's static data, which n8n saves with each
	 * execution and at activation; the first activation only records where the lists stand. A manual test run shows
	 * the newest record and leaves the position alone.
	 */
	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event') as Event;
		const state = this.getWorkflowStaticData('node');
		const records = await polls[event].call(this, state, this.getMode() === 'manual');
		if (records.length === 0) return null;
		const items = this.helpers.returnJsonArray(records);
		if (event !== 'newPublication') return [items];
		// Output Files: a file that cannot be served is listed with its error, since failing the poll would bring the
		// same publication back at every poll.
		const withFiles: INodeExecutionData[] = [];
		for (const item of items) {
			const source = { publicationId: String(item.json.id), blocks: [], listAttachments: true, keepErrors: true };
			withFiles.push(await withOutputFiles.call(this, item, { ...source, inputs: inputsOfPublication(item.json) }));
		}
		return [withFiles];
	}
}
