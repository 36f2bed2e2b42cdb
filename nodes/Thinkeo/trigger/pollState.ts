import type { IDataObject } from 'n8n-workflow';

import { recordKey } from '../transport/paging';

/**
 * How far back a record that shows up late still fires: created at most this long before the newest record seen
 * (a long generation listed after a faster one, a record shifted across a page by a deletion during paging)...
 */
export const LOOK_BACK_MS = 60 * 60 * 1000;
/** ...and among the newest this many records seen, so the static data stays small whatever the history. */
export const LOOK_BACK_MAX_IDS = 500;
/**
 * Most records the window cannot place (no readable creation time, or dated at or after the poll's clock) that are
 * remembered by ID while listed; past it a poll fails rather than forget some of them and fire them again.
 */
export const UNPLACED_MAX_IDS = 2000;
/** How many attachments removed from a publication are still remembered, so that one linked again does not fire. */
export const REMOVED_ATTACHMENTS_KEPT = 50;

/** The bounds of a look-back state; tests pass smaller ones to reach them. */
export interface LookBackLimits {
	windowMs: number;
	maxIds: number;
	maxUnplacedIds: number;
}

export const LOOK_BACK_LIMITS: LookBackLimits = {
	windowMs: LOOK_BACK_MS,
	maxIds: LOOK_BACK_MAX_IDS,
	maxUnplacedIds: UNPLACED_MAX_IDS,
};

/**
 * The trigger's position in a list of dated records (publications, team log entries), kept in the workflow's
 * static data between polls: the IDs seen within the look-back window, with their creation times (epoch ms), the
 * window's start, and the IDs of the records seen without a readable creation time (oldest first). A record created
 * before `floorAt` never fires; one created since, or not dated, fires once, when first listed, however late. No
 * `floorAt` means no dated record has been seen yet. `aheadAt` is the newest creation time seen when it is after the
 * clock: the window keeps moving with the clock until then, even once that record is forgotten (no longer listed).
 */
export type LookBack = { floorAt?: string; seen: Record<string, number>; undated?: string[]; aheadAt?: string };

/** The state the trigger kept before the look-back window: the newest time seen and the IDs created at it. */
type OldTimeCursor = { newestAt?: string; idsAtNewest: string[] };

/**
 * The attachments seen per watched publication (keys of attachmentKey), and the look-back window of the publications
 * listed, which tells a new publication from an older one entering the watched set. Attachments are tracked by ID,
 * not by time: a file uploaded long ago is still new to a publication that starts linking to it. `newestAt` is what
 * the watch kept before it had the window.
 */
export type AttachmentWatch = { seen: Record<string, string[]>; publications?: LookBack; newestAt?: string };

export interface WatchedPublication {
	id: string;
	attachments: IDataObject[];
}

/** One poll of New Attachment: what it read, and which watched publications it could not read the attachments of. */
export interface AttachmentPoll {
	/** The publications listed (Recent Publications), to tell new ones; absent for a chosen publication, never new. */
	listed?: IDataObject[];
	watched: WatchedPublication[];
	/** Watched publications whose attachments could not be listed: they keep their state for the next poll. */
	failed: string[];
	/** How much of the list `listed` is (see readListEnd); the whole list when not said. */
	listedExtent?: ListingExtent;
}

/** A record's ID as text (Thinkeo's are UUIDs; a number counts too), or undefined when it has none to go by. */
export function idOf(record: IDataObject): string | undefined {
	const { id } = record;
	if (typeof id === 'string') return id.trim() ? id : undefined;
	return typeof id === 'number' && Number.isFinite(id) ? String(id) : undefined;
}

/** Past this, an epoch number counts milliseconds; below it, seconds (1e11 s is the year 5138, 1e11 ms 1973). */
const EPOCH_SECONDS_BELOW = 1e11;
/** The largest time a JavaScript Date holds, in ms either side of 1970. */
const MAX_DATE_MS = 8.64e15;
const EPOCH_TEXT = /^-?\d+(\.\d+)?$/;

function epochTime(value: number): number | undefined {
	if (!Number.isFinite(value)) return undefined;
	const time = Math.round(Math.abs(value) < EPOCH_SECONDS_BELOW ? value * 1000 : value);
	return Math.abs(time) <= MAX_DATE_MS ? time : undefined;
}

/**
 * A creation time in epoch ms: ISO 8601 text (documented for Publication.createdAt), or an epoch number (seconds or
 * milliseconds, also as text); undefined when it is none of these or outside what a date can be.
 */
export function creationTime(value: unknown): number | undefined {
	if (typeof value === 'number') return epochTime(value);
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	// Digits are an epoch: Date.parse would read "0" as the year 2000.
	if (EPOCH_TEXT.test(text)) return epochTime(Number(text));
	// NaN for text that is no date, or a date out of range.
	const time = Date.parse(text);
	return Number.isNaN(time) ? undefined : time;
}

interface Listed<T> {
	record: T;
	id: string;
	/** Undefined: no readable creation time. */
	at: number | undefined;
}

/** The records with an ID, a record listed twice counted once (its first listing). */
function listedOnce<T extends IDataObject>(records: T[]): Array<Listed<T>> {
	const byId = new Map<string, Listed<T>>();
	for (const record of records) {
		const id = idOf(record);
		// A record without an ID cannot be told from another one, so it never fires.
		if (id !== undefined && !byId.has(id)) byId.set(id, { record, id, at: creationTime(record.createdAt) });
	}
	return [...byId.values()];
}

/**
 * The time a record ranks at: its creation time, but never later than the poll's clock (a record dated in the
 * future, or not dated at all, counts as created now).
 */
const rankTime = (at: number | undefined, now: number) => Math.min(at ?? now, now);

/**
 * The records with an ID, newest first, for the manual example and Recent Publications: by creation time, a record
 * dated in the future or not dated counting as created at `now`; among equal times, the one listed last first.
 */
export function newestFirst<T extends IDataObject>(records: T[], now: number): T[] {
	return listedOnce(records)
		.map((listed, position) => ({ ...listed, position }))
		.sort((a, b) => rankTime(b.at, now) - rankTime(a.at, now) || b.position - a.position)
		.map(({ record }) => record);
}

/** A stored position as a look-back state; the older time cursor becomes the window that starts at its time. */
function asLookBack(state: LookBack | OldTimeCursor): LookBack {
	if (!('idsAtNewest' in state)) return state;
	const at = creationTime(state.newestAt);
	if (at === undefined) return { seen: {} };
	return { floorAt: state.newestAt, seen: Object.fromEntries(state.idsAtNewest.map((id) => [id, at])) };
}

/**
 * The look-back state kept after `seen` (ID → creation time): the window starts `windowMs` before the newest record
 * seen, a record dated after `now` counting as dated `now`, or later, just after the older records dropped to keep
 * at most `maxIds` dated before `now` (records of one timestamp are kept or dropped together, so none of them fires
 * twice), but never after `now`: a record dated in the future cannot silence the ones created after it. The
 * records the window cannot place (undated, or dated at or after `now`, so not below the next window's start) are
 * kept while `stillListed`: forgetting one still listed would fire it again. More than `maxUnplacedIds` of them fail
 * the poll instead.
 */
function boundedLookBack(
	seen: Map<string, number>,
	undated: string[],
	stillListed: (id: string) => boolean,
	window: { floor: number; ahead: number },
	now: number,
	limits: LookBackLimits,
): LookBack {
	const newestFirstSeen = [...seen].sort((a, b) => b[1] - a[1]);
	const newest = Math.max(newestFirstSeen[0]?.[1] ?? -Infinity, window.ahead);
	let start = window.floor;
	if (Number.isFinite(newest)) start = Math.max(start, Math.min(newest, now) - limits.windowMs);
	// Records dated at or after `now` have their own bound: they must not close the window on the ones before.
	const beyond = newestFirstSeen.filter(([, at]) => at < now)[limits.maxIds];
	if (beyond) start = Math.max(start, beyond[1] + 1);
	start = Math.min(start, now);
	const kept = newestFirstSeen.filter(([id, at]) => at >= start && (at < now || stillListed(id)));
	const undatedKept = undated.filter(stillListed);
	const unplaced = undatedKept.length + kept.filter(([, at]) => at >= now).length;
	if (unplaced > limits.maxUnplacedIds) {
		throw new Error(
			`Thinkeo lists ${unplaced} records that have no readable createdAt or are dated after this machine's clock, ` +
				`more than the ${limits.maxUnplacedIds} the trigger can tell apart by ID; rather than forget some and fire ` +
				'them again, this poll fails, and fires them once fewer are listed (deleted, or their dates reached)',
		);
	}
	const floorAt = Number.isFinite(start) ? new Date(start).toISOString() : undefined;
	return {
		...(floorAt ? { floorAt } : {}),
		seen: Object.fromEntries(kept),
		...(undatedKept.length ? { undated: undatedKept } : {}),
		...(newest > now ? { aheadAt: new Date(newest).toISOString() } : {}),
	};
}

/** How a poll read the list: all of it, or only its end (records before it are still listed, unread). */
export type ListingExtent = 'whole' | 'end';

/**
 * The records not seen before and created within the look-back window, oldest first (an undated record counting as
 * created at `now`), and the state to keep after them. A record without a readable creation time fires once, at
 * the first poll that lists it. Without a state (the first activation) nothing fires: what is listed is only
 * recorded as seen, so the history is not replayed. The state depends only on the records given, how much of the
 * list they are (`extent`) and the clock `now` (epoch ms), not on how they were read. Throws when more records than
 * `limits.maxUnplacedIds` cannot be placed in the window (see boundedLookBack): then nothing is saved, and a later
 * poll within the bound fires them once.
 */
export function advanceLookBack<T extends IDataObject>(
	records: T[],
	state: LookBack | OldTimeCursor | undefined,
	now: number,
	extent: ListingExtent = 'whole',
	limits: LookBackLimits = LOOK_BACK_LIMITS,
): { fresh: T[]; state: LookBack } {
	const previous = state ? asLookBack(state) : { seen: {} };
	// A window kept from before (an older version, a clock set back) never starts after the clock either.
	const floor = Math.min(creationTime(previous.floorAt) ?? -Infinity, now);
	const seen = new Map(Object.entries(previous.seen));
	const undated = [...(previous.undated ?? [])];
	const undatedSet = new Set(undated);
	const listed = listedOnce(records);
	const fresh = listed.filter(({ id, at }) => !seen.has(id) && !undatedSet.has(id) && (at === undefined || at >= floor));
	for (const { id, at } of fresh) {
		if (at === undefined) undated.push(id);
		else seen.set(id, at);
	}
	const listedIds = new Set(listed.map(({ id }) => id));
	const stillListed = (id: string) => extent === 'end' || listedIds.has(id);
	const oldestFirst = fresh.sort((a, b) => (a.at ?? now) - (b.at ?? now)).map(({ record }) => record);
	const ahead = creationTime(previous.aheadAt) ?? -Infinity;
	return { fresh: state ? oldestFirst : [], state: boundedLookBack(seen, undated, stillListed, { floor, ahead }, now, limits) };
}

/**
 * What tells the attachments of a publication apart: their ID, else their URL without its query or fragment (a
 * signed URL changes at every listing), else their filename (and size, if given), else their whole content.
 */
export function attachmentKey(attachment: IDataObject): string {
	const id = idOf(attachment);
	if (id !== undefined) return id;
	const { url, filename, size } = attachment;
	if (typeof url === 'string' && url.trim()) return `url:${url.split(/[?#]/)[0]}`;
	if (typeof filename === 'string' && filename) {
		return `file:${filename}${typeof size === 'number' || typeof size === 'string' ? `:${size}` : ''}`;
	}
	return recordKey(attachment);
}

/**
 * The look-back state of the listed publications; from a watch kept before the window, the window that starts just
 * after its newest creation time (the former rule: new when created after the newest publication watched). Without
 * either (a chosen publication was watched), none: what is listed now is only recorded, as at an activation.
 */
function publicationWindow(state: AttachmentWatch): LookBack | undefined {
	if (state.publications) return state.publications;
	const newest = creationTime(state.newestAt);
	return newest === undefined ? undefined : { floorAt: new Date(newest + 1).toISOString(), seen: {} };
}

/**
 * The attachments that appeared on the watched publications since the last poll, and the state to keep. Without
 * a state (the first activation) nothing is new. A publication watched for the first time fires its attachments
 * only if it is new by the look-back window of the publications listed (first listed since the last poll, created
 * within the window): a new publication, not one merely newly in scope. A publication whose attachments could not
 * be listed keeps its state, and counts as not listed, so the next poll sees it as this one would have.
 */
export function advanceAttachmentWatch(
	poll: AttachmentPoll,
	state: AttachmentWatch | undefined,
	now: number,
	removedKept = REMOVED_ATTACHMENTS_KEPT,
): { fresh: Array<{ publicationId: string; attachment: IDataObject }>; state: AttachmentWatch } {
	const failed = new Set(poll.failed);
	const window =
		poll.listed &&
		advanceLookBack(
			poll.listed.filter((publication) => !failed.has(idOf(publication) ?? '')),
			state && publicationWindow(state),
			now,
			// A publication left out for its failed listing is still there.
			failed.size ? 'end' : (poll.listedExtent ?? 'whole'),
		);
	const isNew = new Set((window?.fresh ?? []).map(idOf));
	const fresh: Array<{ publicationId: string; attachment: IDataObject }> = [];
	const seen: Record<string, string[]> = {};
	for (const publication of poll.watched) {
		if (failed.has(publication.id)) continue;
		const known = state?.seen[publication.id];
		const listedKeys = [...new Set(publication.attachments.map(attachmentKey))];
		if (known || isNew.has(publication.id)) {
			const before = new Set(known ?? []);
			for (const attachment of publication.attachments) {
				const key = attachmentKey(attachment);
				// An attachment without an ID was kept by its whole content before it had a key of its own.
				if (before.has(key) || before.has(recordKey(attachment))) continue;
				before.add(key);
				fresh.push({ publicationId: publication.id, attachment });
			}
		}
		// What is listed, and the last removed ones, so an attachment removed and linked again does not fire twice.
		const listedNow = new Set(listedKeys);
		const removed = (known ?? []).filter((key) => !listedNow.has(key));
		seen[publication.id] = [...removed.slice(Math.max(removed.length - removedKept, 0)), ...listedKeys];
	}
	for (const id of failed) {
		const known = state?.seen[id];
		if (known) seen[id] = known;
	}
	return { fresh, state: window ? { seen, publications: window.state } : { seen } };
}
