import type { IDataObject, INodeExecutionData, IPollFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { inputsOfPublication } from '../generation/output/fileSources';
import { withOutputFiles } from '../generation/output/generatedFiles';
import type { Example, Poll, TriggerEvent } from './event';
import { exampleItem } from './event';
import { newestFirst } from './pollState';
import { appFilter, listPublications, ofApp, publicationPages } from './publicationQuery';
import type { PublicationPollState } from './publicationPoll';
import { pollNewPublications } from './publicationPoll';

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

const poll: Poll = async function (state, now) {
	const appId = appFilter.call(this);
	const pages = publicationPages.call(this, appId);
	const { fresh, next } = await pollNewPublications(pages, state as PublicationPollState, appId, ofApp(appId), now);
	const items = await withPublicationFiles.call(this, this.helpers.returnJsonArray(fresh), state);
	Object.assign(state, next);
	return items;
};

const example: Example = async function (now) {
	const appId = appFilter.call(this);
	const newest = newestFirst(await listPublications.call(this, appId), now)[0];
	return await withFilesOf.call(this, exampleItem.call(this, newest, 'publication'), true);
};

/** New Publication: a publication was generated, optionally only for one App, with its files (Output Files). */
export const newPublication: TriggerEvent = { poll, example };
