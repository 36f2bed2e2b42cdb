import type { IDataObject } from 'n8n-workflow';

/**
 * How far back a record that shows up late still fires: created at most this long before the newest record seen
 * (a long generation listed after a faster one, a record shifted across a page by a deletion during paging)...
 */
export const LOOK_BACK_MS = 60 * 60 * 1000;
/** ...and among the newest this many records seen, so the static data stays small whatever the history. */
export const LOOK_BACK_MAX_IDS = 500;

/**
 * The trigger's position in a list of dated records (publications, team log entries), kept in the workflow's
 * static data between polls: the IDs seen within the look-back window, with their creation times (epoch ms), and
 * the window's start. A record created before `floorAt` never fires; one created since fires once, when first
 * listed, however late. No `floorAt` means nothing has been seen yet.
 */
export type LookBack = { floorAt?: string; seen: Record<string, number> };

/** The state the trigger kept before the look-back window: the newest time seen and the IDs created at it. */
type OldTimeCursor = { newestAt?: string; idsAtNewest: string[] };

/**
 * The attachments seen per watched publication (attachment IDs), and the newest creation time among the watched
 * publications. Attachments are tracked by ID, not by time: a file uploaded long ago is still new to a publication
 * that starts linking to it.
 */
export type AttachmentWatch = { seen: Record<string, string[]>; newestAt?: string };

export interface WatchedPublication {
	id: string;
	/** Unknown when a single chosen publication is watched. */
	createdAt?: unknown;
	attachments: IDataObject[];
}

function timeOf(value: unknown): number | undefined {
	const time = typeof value === 'string' ? Date.parse(value) : NaN;
	return Number.isNaN(time) ? undefined : time;
}

/** Records with an ID and a readable `createdAt`, oldest first; a record listed twice counts once. */
function dated<T extends IDataObject>(records: T[]): Array<{ record: T; id: string; at: number }> {
	const byId = new Map<string, { record: T; id: string; at: number }>();
	for (const record of records) {
		const at = timeOf(record.createdAt);
		// A record without a creation time cannot be placed against the cursor, so it never fires.
		if (typeof record.id === 'string' && at !== undefined) byId.set(record.id, { record, id: record.id, at });
	}
	return [...byId.values()].sort((a, b) => a.at - b.at);
}

/** The records with a readable creation time, newest first. */
export function newestFirst<T extends IDataObject>(records: T[]): T[] {
	return dated(records)
		.reverse()
		.map(({ record }) => record);
}

/** A stored position as a look-back state; the older time cursor becomes the window that starts at its time. */
function asLookBack(state: LookBack | OldTimeCursor): LookBack {
	if (!('idsAtNewest' in state)) return state;
	const at = timeOf(state.newestAt);
	if (at === undefined) return { seen: {} };
	return { floorAt: state.newestAt, seen: Object.fromEntries(state.idsAtNewest.map((id) => [id, at])) };
}

/**
 * The look-back state kept after `seen` (ID → creation time): the window starts `LOOK_BACK_MS` before the newest
 * record seen, or later, just after the older records dropped to keep at most `LOOK_BACK_MAX_IDS` (records of one
 * timestamp are kept or dropped together, so none of them fires twice).
 */
function boundedLookBack(seen: Map<string, number>, floor: number): LookBack {
	const newestFirstSeen = [...seen].sort((a, b) => b[1] - a[1]);
	let start = Math.max(floor, (newestFirstSeen[0]?.[1] ?? -Infinity) - LOOK_BACK_MS);
	const beyond = newestFirstSeen[LOOK_BACK_MAX_IDS];
	if (beyond) start = Math.max(start, beyond[1] + 1);
	const kept = newestFirstSeen.filter(([, at]) => at >= start);
	const floorAt = Number.isFinite(start) ? new Date(start).toISOString() : undefined;
	return { ...(floorAt ? { floorAt } : {}), seen: Object.fromEntries(kept) };
}

/**
 * The records not seen before and created within the look-back window, oldest first, and the state to keep after
 * them. Without a state (the first activation) nothing fires: what is listed is only recorded as seen, so the
 * history is not replayed. The state depends only on the records given, not on how they were read.
 */
export function advanceLookBack<T extends IDataObject>(
	records: T[],
	state: LookBack | OldTimeCursor | undefined,
): { fresh: T[]; state: LookBack } {
	const previous = state ? asLookBack(state) : { seen: {} };
	const floor = timeOf(previous.floorAt) ?? -Infinity;
	const seen = new Map(Object.entries(previous.seen));
	const fresh = dated(records).filter(({ id, at }) => at >= floor && !seen.has(id));
	for (const { id, at } of fresh) seen.set(id, at);
	return { fresh: state ? fresh.map(({ record }) => record) : [], state: boundedLookBack(seen, floor) };
}

/**
 * The attachments that appeared on the watched publications since the last poll, and the state to keep. Without
 * a state (the first activation) nothing is new. A publication watched for the first time fires its attachments
 * only if it was created after the newest publication already watched (it is new, not merely newly in scope).
 */
export function advanceAttachmentWatch(
	publications: WatchedPublication[],
	state: AttachmentWatch | undefined,
): { fresh: Array<{ publicationId: string; attachment: IDataObject }>; state: AttachmentWatch } {
	const since = timeOf(state?.newestAt);
	const fresh: Array<{ publicationId: string; attachment: IDataObject }> = [];
	const seen: Record<string, string[]> = {};
	let newestAt = state?.newestAt;
	for (const publication of publications) {
		const ids = publication.attachments.map((attachment) => String(attachment.id));
		const known = state?.seen[publication.id];
		const created = timeOf(publication.createdAt);
		const isNew = state !== undefined && created !== undefined && (since === undefined || created > since);
		if (known || isNew) {
			const before = new Set(known ?? []);
			for (const attachment of publication.attachments) {
				if (before.has(String(attachment.id))) continue;
				before.add(String(attachment.id));
				fresh.push({ publicationId: publication.id, attachment });
			}
		}
		// Kept as a union, so an attachment removed and linked again does not fire twice.
		seen[publication.id] = [...new Set([...(known ?? []), ...ids])];
		if (created !== undefined && created > (timeOf(newestAt) ?? -Infinity)) newestAt = String(publication.createdAt);
	}
	return { fresh, state: newestAt === undefined ? { seen } : { seen, newestAt } };
}
