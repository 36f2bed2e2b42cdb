import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { inputsOfPublication } from './generation/output/fileSources';
import { outputFilesFields, withOutputFiles } from './generation/output/generatedFiles';
import { credentialTest } from './methods/credentialTest';
import { listSearch } from './methods/listSearch';
import { checkedId, idLocator } from './operation/locators';
import type { PageReader } from './transport/paging';
import { QUERY_PAGE_SIZE, readEveryPage, recordKey } from './transport/paging';
import { thinkeoRequest } from './transport/request';
import type { AttachmentPoll, AttachmentWatch, LookBack, WatchedPublication } from './trigger/pollState';
import { advanceAttachmentWatch, advanceLookBack, idOf, newestFirst } from './trigger/pollState';
import type { PublicationPollState } from './trigger/publicationPoll';
import { pollNewPublications, recentPublications } from './trigger/publicationPoll';

type Event = 'newPublication' | 'newAttachment' | 'newLogEntry';

/**
 * One scheduled poll at the clock `now`: the items to emit, oldest first. It saves its position in `state` (the
 * node's static data) only once they are complete, so a poll that fails fires nothing and loses nothing.
 */
type Poll = (this: IPollFunctions, state: IDataObject, now: number) => Promise<INodeExecutionData[]>;

/** What a manual test run shows: the newest record, so its fields can be mapped. */
type Example = (this: IPollFunctions, now: number) => Promise<INodeExecutionData>;

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

/** The one record a manual test run shows (the newest). */
function example(this: IPollFunctions, record: IDataObject | undefined, what: string): INodeExecutionData {
	if (!record) throw noExample.call(this, what);
	return { json: record };
}

/** The item of a publication with its files (Output Files), a file that cannot be downloaded listed with its error or not. */
async function withFilesOf(this: IPollFunctions, item: INodeExecutionData, keepErrors: boolean): Promise<INodeExecutionData> {
	const source = { publicationId: String(item.json.id), blocks: [], listAttachments: true, inputs: inputsOfPublication(item.json) };
	return await withOutputFiles.call(this, item, { ...source, keepErrors });
}

/**
 * How many polls in a row may fail to fetch the files of new publications (Output Files) before these fire without
 * them. Until then a failure that may pass by itself (see mayPass) fails the poll, which saves no position: the next
 * poll reads the same publications and fetches their files again. Any other failure, or one at the last attempt, is
 * listed in its item's `error` (and the failed file in `files` with its own).
 */
export const FILE_ATTEMPTS = 3;

/** Whether a failure may pass by itself: no answer (a reset, a timeout), a rate limit, or an error on Thinkeo's side. */
function mayPass(error: unknown): boolean {
	const status = Number((error as { httpCode?: unknown }).httpCode);
	return !(status >= 400 && status < 500) || status === 408 || status === 429;
}

/** The item of a publication with the files that could be fetched, and each failure in its `error`. */
async function withFileErrors(this: IPollFunctions, item: INodeExecutionData): Promise<INodeExecutionData> {
	try {
		return await withFilesOf.call(this, item, true);
	} catch (error) {
		// Only the listing of the files can fail here: a download that fails is listed with its error.
		const reason = `The files of publication ${String(item.json.id)} could not be listed: ${(error as Error).message}`;
		return { ...item, json: { ...item.json, error: reason } };
	}
}

/** The items of new publications with their files; counts the failed attempts in `state` (see FILE_ATTEMPTS). */
async function withPublicationFiles(
	this: IPollFunctions,
	items: INodeExecutionData[],
	state: IDataObject,
): Promise<INodeExecutionData[]> {
	const attempt = Number(state.failedFilePolls ?? 0) + 1;
	// Counted before trying: a failure leaves the count in the static data, which n8n keeps from poll to poll.
	state.failedFilePolls = attempt;
	const withFiles: INodeExecutionData[] = [];
	for (const item of items) {
		if (attempt >= FILE_ATTEMPTS) {
			withFiles.push(await withFileErrors.call(this, item));
			continue;
		}
		try {
			withFiles.push(await withFilesOf.call(this, item, false));
		} catch (error) {
			if (mayPass(error)) throw new NodeApiError(this.getNode(), error as JsonObject);
			withFiles.push(await withFileErrors.call(this, item));
		}
	}
	delete state.failedFilePolls;
	return withFiles;
}

const newPublications: Poll = async function (state, now) {
	const appId = appFilter.call(this);
	const pages = publicationPages.call(this, appId);
	const { fresh, next } = await pollNewPublications(pages, state as PublicationPollState, appId, ofApp(appId), now);
	const items = await withPublicationFiles.call(this, this.helpers.returnJsonArray(fresh), state);
	Object.assign(state, next);
	return items;
};

const publicationExample: Example = async function (now) {
	const appId = appFilter.call(this);
	const newest = newestFirst(await listPublications.call(this, appId), now)[0];
	return await withFilesOf.call(this, example.call(this, newest, 'publication'), true);
};

async function attachmentsOf(this: IPollFunctions, id: string): Promise<IDataObject[]> {
	return asRecords.call(
		this,
		await thinkeoRequest.call(this, `listing the attachments of publication ${id}`, {
			method: 'GET',
			url: `/publications/${encodeURIComponent(id)}/attachments`,
		}),
		`GET /publications/${id}/attachments`,
	);
}

/**
 * The watched publications and their attachments: the chosen one, or the newest `watchCount` (those created since
 * the last poll included, so a publication generated with a file fires it). A publication whose attachments cannot
 * be listed is left out and named in `failed`, with the error in `failures`; `next` is the listing's state to keep.
 */
async function watchPublications(
	this: IPollFunctions,
	state: PublicationPollState,
	now: number,
): Promise<{ poll: AttachmentPoll; failures: unknown[]; next: PublicationPollState }> {
	if (this.getNodeParameter('watch') === 'publication') {
		const id = checkedId(this.getNode(), 'Publication', this.getNodeParameter('publicationId', '', { extractValue: true }), {
			required: true,
		});
		return { poll: { watched: [{ id, attachments: await attachmentsOf.call(this, id) }], failed: [] }, failures: [], next: {} };
	}
	const count = this.getNodeParameter('watchCount') as number;
	const appId = appFilter.call(this);
	const pages = publicationPages.call(this, appId);
	const { listed, extent, newest, next } = await recentPublications(pages, state, appId, ofApp(appId), count, now);
	const watched: WatchedPublication[] = [];
	const failed: string[] = [];
	const failures: unknown[] = [];
	// One at a time: a burst of parallel requests at every poll would be unkind to the API's rate limits.
	for (const publication of newest) {
		// newestFirst keeps only records with an ID.
		const id = idOf(publication) as string;
		try {
			watched.push({ id, attachments: await attachmentsOf.call(this, id) });
		} catch (error) {
			failed.push(id);
			failures.push(error);
		}
	}
	return { poll: { listed, listedExtent: extent, watched, failed }, failures, next };
}

const attachmentItems = (fresh: Array<{ publicationId: string; attachment: IDataObject }>): IDataObject[] =>
	fresh.map(({ publicationId, attachment }) => ({ publicationId, ...attachment }));

const newAttachments: Poll = async function (state, now) {
	const { poll, failures, next } = await watchPublications.call(this, state, now);
	const { fresh, state: watch } = advanceAttachmentWatch(poll, state.attachmentWatch as AttachmentWatch | undefined, now);
	// A publication whose attachments could not be listed is read again at the next poll, without holding back the
	// others. When nothing else fires, its failure fails this poll, which saves nothing: a lasting failure is seen,
	// and an activation is never half done.
	if (fresh.length === 0 && failures.length) throw failures[0];
	Object.assign(state, next, { attachmentWatch: watch });
	return this.helpers.returnJsonArray(attachmentItems(fresh));
};

const attachmentExample: Example = async function (now) {
	const { poll, failures } = await watchPublications.call(this, {}, now);
	// Recent publications come newest first; a listing names no upload time, so its last entry stands for the newest.
	const withFiles = poll.watched.find((publication) => publication.attachments.length > 0);
	if (!withFiles && failures.length) throw failures[0];
	const attachment = withFiles?.attachments[withFiles.attachments.length - 1];
	const [record] = attachment ? attachmentItems([{ publicationId: withFiles.id, attachment }]) : [];
	return example.call(this, record, 'attachment on the watched publications');
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

async function logEntries(this: IPollFunctions): Promise<IDataObject[]> {
	const answer = await thinkeoRequest.call(this, 'reading the team log', { method: 'GET', url: '/teams/logs' });
	return asRecords.call(this, answer, 'GET /teams/logs');
}

const wantedEntries = (context: IPollFunctions) => typeMatcher(context.getNodeParameter('logTypes', '') as string);

const newLogEntries: Poll = async function (state, now) {
	const entries = await logEntries.call(this);
	// Every entry counts as seen, so changing the types later does not replay old entries.
	const { fresh, state: next } = advanceLookBack(entries, state.logCursor as LookBack | undefined, now);
	state.logCursor = next;
	return this.helpers.returnJsonArray(fresh.filter(wantedEntries(this)));
};

const logEntryExample: Example = async function (now) {
	const newest = newestFirst((await logEntries.call(this)).filter(wantedEntries(this)), now)[0];
	return example.call(this, newest, 'team log entry of these types');
};

const polls: Record<Event, Poll> = {
	newPublication: newPublications,
	newAttachment: newAttachments,
	newLogEntry: newLogEntries,
};

const examples: Record<Event, Example> = {
	newPublication: publicationExample,
	newAttachment: attachmentExample,
	newLogEntry: logEntryExample,
};

/** Said of every failed scheduled poll; a trigger has no Retry On Fail, and needs none. */
export const NEXT_POLL_HINT = 'Nothing is lost: the next poll tries again, and fires then what this one would have fired.';

/**
 * The error of a failed poll: a Thinkeo error as it is, anything else as a NodeOperationError, without the advice to
 * turn on Retry On Fail (the request errors give it, but the setting does nothing for a trigger), and for a scheduled
 * poll with NEXT_POLL_HINT.
 */
function pollError(node: INode, error: unknown, scheduled: boolean): NodeApiError | NodeOperationError {
	const failure =
		error instanceof NodeApiError || error instanceof NodeOperationError
			? error
			: new NodeOperationError(node, error instanceof Error ? error : String(error));
	const sentences = (failure.description ?? '').split(/(?<=\.)\s+/).filter((sentence) => sentence && !/Retry On Fail/i.test(sentence));
	failure.description = [...sentences, ...(scheduled ? [NEXT_POLL_HINT] : [])].join(' ') || undefined;
	return failure;
}

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
		const event = this.getNodeParameter('event') as Event;
		const scheduled = this.getMode() !== 'manual';
		const now = Date.now();
		try {
			if (!scheduled) return [[await examples[event].call(this, now)]];
			const items = await polls[event].call(this, this.getWorkflowStaticData('node'), now);
			return items.length ? [items] : null;
		} catch (error) {
			throw pollError(this.getNode(), error, scheduled);
		}
	}
}
