import type { IDataObject } from 'n8n-workflow';

import {
	advanceAttachmentWatch,
	advanceLookBack,
	LOOK_BACK_MAX_IDS,
	LOOK_BACK_MS,
	newestFirst,
	REMOVED_ATTACHMENTS_KEPT,
	UNPLACED_MAX_IDS,
} from '../../nodes/Thinkeo/trigger/pollState';

const time = (minute: number) => Date.UTC(2026, 0, 1, 12, minute);
const at = (minute: number) => new Date(time(minute)).toISOString();
const record = (id: string, minute: number) => ({ id, createdAt: at(minute) });
const ids = (records: Array<{ id?: unknown }>) => records.map((entry) => entry.id);
/** The poll's clock: a day after the records below, so that none of them is dated in the future. */
const NOW = time(24 * 60);

describe('look-back window', () => {
	it('fires nothing on the first activation and records what is listed as seen', () => {
		const { fresh, state } = advanceLookBack([record('a', 1), record('c', 3), record('b', 2)], undefined, NOW);
		expect(fresh).toEqual([]);
		expect(state).toEqual({ floorAt: at(3 - 60), seen: { c: time(3), b: time(2), a: time(1) } });
	});

	it('fires each record not seen before once, oldest first', () => {
		const first = advanceLookBack([record('a', 1)], undefined, NOW).state;
		const listed = [record('a', 1), record('d', 4), record('b', 2), record('c', 3)];
		const second = advanceLookBack(listed, first, NOW);
		expect(ids(second.fresh)).toEqual(['b', 'c', 'd']);
		expect(advanceLookBack(listed, second.state, NOW).fresh).toEqual([]);
	});

	it('fires a record listed late, created before one that already fired, exactly once', () => {
		// Poll 2 sees Q (created :30); poll 3 lists L (created :10), e.g. a long generation finishing after Q.
		const first = advanceLookBack([record('old', 0)], undefined, NOW).state;
		const second = advanceLookBack([record('old', 0), record('Q', 30)], first, NOW);
		expect(ids(second.fresh)).toEqual(['Q']);
		const third = advanceLookBack([record('old', 0), record('L', 10), record('Q', 30)], second.state, NOW);
		expect(ids(third.fresh)).toEqual(['L']);
		const fourth = advanceLookBack([record('L', 10), record('old', 0), record('Q', 30)], third.state, NOW);
		expect(fourth.fresh).toEqual([]);
	});

	it('does not fire a record that shows up later than the window, and forgets what left it', () => {
		const first = advanceLookBack([record('a', 0)], undefined, NOW).state;
		const second = advanceLookBack([record('a', 0), record('b', 61 + 60)], first, NOW);
		expect(ids(second.fresh)).toEqual(['b']);
		// The window now starts an hour before b: a is forgotten, and a record dated before the window never fires.
		expect(second.state).toEqual({ floorAt: at(61), seen: { b: time(121) } });
		expect(advanceLookBack([record('a', 0), record('late', 60), record('b', 121)], second.state, NOW).fresh).toEqual([]);
		expect(ids(advanceLookBack([record('late', 61)], second.state, NOW).fresh)).toEqual(['late']);
	});

	it('neither repeats nor loses records that share a timestamp', () => {
		const first = advanceLookBack([record('a', 5), record('b', 5)], undefined, NOW).state;
		const second = advanceLookBack([record('a', 5), record('b', 5), record('c', 5)], first, NOW);
		expect(ids(second.fresh)).toEqual(['c']);
		expect(advanceLookBack([record('b', 5), record('c', 5), record('a', 5)], second.state, NOW).fresh).toEqual([]);
	});

	it('after an empty first activation, fires everything that appears', () => {
		const empty = advanceLookBack([], undefined, NOW).state;
		expect(empty).toEqual({ seen: {} });
		expect(ids(advanceLookBack([record('a', 1), record('b', 2)], empty, NOW).fresh)).toEqual(['a', 'b']);
	});

	it('counts a record listed twice (a page boundary shifting) once', () => {
		const state = advanceLookBack([record('a', 1)], undefined, NOW).state;
		expect(ids(advanceLookBack([record('b', 2), record('b', 2), record('a', 1)], state, NOW).fresh)).toEqual(['b']);
	});

	it('stays bounded after 10,000 records, and none of them fires twice', () => {
		// 10,000 records 100 ms apart (all within the hour of the newest), found 500 at a time.
		const many = Array.from({ length: 10_000 }, (_, n) => ({
			id: `0192f0a5-4444-7e00-9f00-${String(n).padStart(12, '0')}`,
			createdAt: new Date(Date.UTC(2026, 0, 1) + n * 100).toISOString(),
		}));
		let state = advanceLookBack([], undefined, NOW).state;
		const fired: unknown[] = [];
		for (let end = 500; end <= many.length; end += 500) {
			// Each poll lists everything so far, the newest first, as a full read of the list would.
			const result = advanceLookBack(many.slice(0, end).reverse(), state, NOW);
			fired.push(...ids(result.fresh));
			state = result.state;
		}
		expect(fired).toEqual(many.map(({ id }) => id));
		expect(Object.keys(state.seen)).toHaveLength(LOOK_BACK_MAX_IDS);
		expect(JSON.stringify(state).length).toBeLessThan(30_000);
		// The window now starts just after the records it dropped: none of them fires again.
		expect(advanceLookBack(many, state, NOW).fresh).toEqual([]);
	});

	it('keeps or drops records of one timestamp together when it has to drop some', () => {
		const same = Array.from({ length: LOOK_BACK_MAX_IDS + 5 }, (_, n) => record(`s${n}`, 1));
		const { state } = advanceLookBack([...same, record('newer', 2)], undefined, NOW);
		expect(state).toEqual({ floorAt: new Date(time(1) + 1).toISOString(), seen: { newer: time(2) } });
		expect(advanceLookBack(same, state, NOW).fresh).toEqual([]);
	});

	it('takes over the position kept before the look-back window (newest time and its IDs)', () => {
		const old = { newestAt: at(5), idsAtNewest: ['a'] };
		const { fresh, state } = advanceLookBack([record('x', 4), record('a', 5), record('b', 5), record('c', 6)], old, NOW);
		expect(ids(fresh)).toEqual(['b', 'c']);
		expect(state.seen).toEqual({ a: time(5), b: time(5), c: time(6) });
	});

	it('orders records newest first for the manual example', () => {
		expect(ids(newestFirst([record('a', 1), record('c', 3), record('b', 2)], NOW))).toEqual(['c', 'b', 'a']);
	});
});

describe('odd dates and IDs (issue 19)', () => {
	const HOUR = 60;

	it('fires a publication dated 3 hours ahead once, and every normal one created after it', () => {
		// The clock runs with the polls: a poll a minute, the records created between two polls.
		let state = advanceLookBack([record('p1', 0), record('p2', 1)], undefined, time(2)).state;
		const future = advanceLookBack([record('p1', 0), record('p2', 1), record('p3', 3 + 3 * HOUR)], state, time(4));
		expect(ids(future.fresh)).toEqual(['p3']);
		state = future.state;
		const listed = [record('p1', 0), record('p2', 1), record('p3', 3 + 3 * HOUR)];
		const fired: unknown[] = [];
		for (let minute = 5; minute < 5 + 4 * HOUR; minute += 1) {
			listed.push(record(`n${minute}`, minute - 1));
			const poll = advanceLookBack(listed, state, time(minute));
			fired.push(...ids(poll.fresh));
			state = poll.state;
			// The window never starts after the poll's clock, whatever p3 says.
			expect(Date.parse(String(state.floorAt))).toBeLessThanOrEqual(time(minute) - LOOK_BACK_MS);
		}
		expect(fired).toEqual(listed.slice(3).map((entry) => entry.id));
	});

	it('fires a record dated in the year 9999 once, and keeps firing the normal ones after it', () => {
		const state = advanceLookBack([record('a', 0)], undefined, time(1)).state;
		const far = { id: 'far', createdAt: '9999-12-31T23:59:59.000Z' };
		const second = advanceLookBack([record('a', 0), far], state, time(2));
		expect(ids(second.fresh)).toEqual(['far']);
		expect(second.state.floorAt).toBe(at(2 - 60));
		const third = advanceLookBack([record('a', 0), far, record('b', 2)], second.state, time(3));
		expect(ids(third.fresh)).toEqual(['b']);
		expect(advanceLookBack([record('a', 0), far, record('b', 2)], third.state, time(4 * 60)).fresh).toEqual([]);
	});

	it('repairs a window kept by an older version past the clock: what is created from then on fires', () => {
		// What the former code kept after a record dated 9999: nothing could ever fire again.
		const broken = { floorAt: '9999-12-30T23:59:59.000Z', seen: { far: Date.parse('9999-12-31T23:59:59.000Z') } };
		const repaired = advanceLookBack([record('old', 0), { id: 'far', createdAt: '9999-12-31T23:59:59.000Z' }], broken, time(10));
		expect(repaired.fresh).toEqual([]);
		expect(repaired.state.floorAt).toBe(at(10));
		expect(ids(advanceLookBack([record('old', 0), record('new', 11)], repaired.state, time(12)).fresh)).toEqual(['new']);
	});

	it('fires records whose ID is a number, once, and tells them apart by value', () => {
		const state = advanceLookBack([{ id: 1, createdAt: at(1) }], undefined, NOW).state;
		const listed = [{ id: 1, createdAt: at(1) }, { id: 2, createdAt: at(2) }, { id: 3, createdAt: at(2) }];
		const second = advanceLookBack(listed, state, NOW);
		expect(ids(second.fresh)).toEqual([2, 3]);
		expect(advanceLookBack(listed, second.state, NOW).fresh).toEqual([]);
	});

	it('reads createdAt as epoch milliseconds or seconds, as a number or as text', () => {
		const state = advanceLookBack([record('a', 1)], undefined, NOW).state;
		const listed = [
			{ id: 'ms', createdAt: time(3) },
			{ id: 's', createdAt: time(2) / 1000 },
			{ id: 'text', createdAt: String(time(4)) },
			{ id: 'old', createdAt: time(-120) / 1000 },
		];
		const second = advanceLookBack(listed, state, NOW);
		// Oldest first; "old" is two hours before the newest record seen, out of the window.
		expect(ids(second.fresh)).toEqual(['s', 'ms', 'text']);
		expect(second.state.seen).toEqual({ a: time(1), s: time(2), ms: time(3), text: time(4) });
	});

	it('fires a record without a readable creation time once, when first listed, and remembers it by ID', () => {
		const state = advanceLookBack([record('a', 1), { id: 'u0' }], undefined, NOW).state;
		expect(state.undated).toEqual(['u0']);
		const listed = [record('a', 1), { id: 'u0' }, { id: 'u1', createdAt: 'not a date' }, { id: 'u2', createdAt: null }, record('b', 2)];
		const second = advanceLookBack(listed, state, NOW);
		// The undated ones count as created at the poll, after b.
		expect(ids(second.fresh)).toEqual(['b', 'u1', 'u2']);
		expect(second.state.undated).toEqual(['u0', 'u1', 'u2']);
		expect(advanceLookBack(listed, second.state, NOW).fresh).toEqual([]);
		// A record without an ID cannot be told from another one: it never fires.
		expect(advanceLookBack([{ createdAt: at(3) }, { id: '' }], second.state, NOW).fresh).toEqual([]);
	});

	it('fires none of 600 undated records listed at activation, at any later poll (more than the window holds)', () => {
		// Log entries dated by `timestamp`, not `createdAt`: none can be placed in the window.
		const listed = Array.from({ length: 600 }, (_, n) => ({ id: `e${n}`, timestamp: at(1) }));
		let state = advanceLookBack(listed, undefined, NOW).state;
		for (let poll = 1; poll <= 5; poll += 1) {
			const next = advanceLookBack(listed, state, NOW + poll * 60_000);
			expect(next.fresh).toEqual([]);
			state = JSON.parse(JSON.stringify(next.state)) as typeof state;
		}
		expect(state.undated).toHaveLength(600);
		// A new one still fires, once.
		const more = [...listed, { id: 'e600' }];
		const fired = advanceLookBack(more, state, NOW + 6 * 60_000);
		expect(ids(fired.fresh)).toEqual(['e600']);
		expect(advanceLookBack(more, fired.state, NOW + 7 * 60_000).fresh).toEqual([]);
	});

	it('forgets an undated record once a read of the whole list no longer holds it, not after reading only its end', () => {
		const state = advanceLookBack([{ id: 'u0' }, { id: 'u1' }], undefined, NOW).state;
		expect(advanceLookBack([{ id: 'u1' }], state, NOW, 'end').state.undated).toEqual(['u0', 'u1']);
		expect(advanceLookBack([{ id: 'u1' }], state, NOW, 'whole').state.undated).toEqual(['u1']);
	});

	it(`fails the poll past ${UNPLACED_MAX_IDS} undated records listed, and fires them once a poll lists fewer`, () => {
		const listed = Array.from({ length: UNPLACED_MAX_IDS }, (_, n) => ({ id: `u${n}` }));
		const state = advanceLookBack(listed, undefined, NOW).state;
		const tooMany = [...listed, { id: 'new1' }];
		expect(() => advanceLookBack(tooMany, state, NOW)).toThrow(
			`Thinkeo lists ${UNPLACED_MAX_IDS + 1} records that have no readable createdAt or are dated after this machine's clock, more than the ${UNPLACED_MAX_IDS}`,
		);
		// Some deleted: the poll within the bound fires the new ones, once, from the state kept before the failure.
		const fewer = [...listed.slice(10), { id: 'new1' }, { id: 'new2' }];
		const recovered = advanceLookBack(fewer, state, NOW);
		expect(ids(recovered.fresh)).toEqual(['new1', 'new2']);
		expect(advanceLookBack(fewer, recovered.state, NOW).fresh).toEqual([]);
	});

	it('fires none of 600 records dated 3 hours ahead again, however many polls list them', () => {
		const clock = time(0);
		const listed = Array.from({ length: 600 }, (_, n) => ({ id: `e${n}`, createdAt: new Date(clock + 3 * 60 * 60_000 - (600 - n) * 1000).toISOString() }));
		let state = advanceLookBack(listed, undefined, clock).state;
		for (let poll = 1; poll <= 8; poll += 1) {
			const next = advanceLookBack(listed, state, clock + poll * 60_000);
			expect(next.fresh).toEqual([]);
			state = next.state;
		}
		expect(Object.keys(state.seen)).toHaveLength(600);
		// Once the clock passes their dates, the window forgets them and still fires none.
		for (let poll = 1; poll <= 8; poll += 1) {
			const next = advanceLookBack(listed, state, clock + 3 * 60 * 60_000 + poll * 60_000);
			expect(next.fresh).toEqual([]);
			state = next.state;
		}
		expect(Object.keys(state.seen).length).toBeLessThanOrEqual(LOOK_BACK_MAX_IDS);
	});

	it('still fires a record listed late after more than 500 records dated ahead (they do not close the window)', () => {
		const clock = time(0);
		const ahead = Array.from({ length: LOOK_BACK_MAX_IDS + 1 }, (_, n) => ({ id: `a${n}`, createdAt: '9999-12-31T00:00:00.000Z' }));
		const state = advanceLookBack(ahead, undefined, clock).state;
		// Created a second before that poll, listed only by the next one.
		const late = { id: 'late', createdAt: new Date(clock - 1000).toISOString() };
		expect(ids(advanceLookBack([...ahead, late], state, clock + 60_000).fresh)).toEqual(['late']);
	});

	it('ranks a record dated in the future or not at all as created at the poll, for the newest first', () => {
		// Among equal times the one listed last comes first; a record without an ID is left out.
		const listed = [record('a', 1), { id: 'u' }, record('far', 10_000), record('b', 2), { createdAt: at(3) }];
		expect(ids(newestFirst(listed, time(5)))).toEqual(['far', 'u', 'b', 'a']);
	});
});

describe('attachment watch', () => {
	const attachment = (id: string) => ({ id, filename: `${id}.pdf` });
	const fired = (result: ReturnType<typeof advanceAttachmentWatch>) =>
		result.fresh.map(({ publicationId, attachment: file }) => `${publicationId}/${String(file.id)}`);
	const publication = (id: string, minute: number | string) => ({ id, createdAt: typeof minute === 'number' ? at(minute) : minute });

	it('fires nothing on the first activation, then each attachment that appears on a watched publication once', () => {
		const listed = [publication('p1', 1)];
		const first = advanceAttachmentWatch({ listed, watched: [{ id: 'p1', attachments: [attachment('f1')] }], failed: [] }, undefined, NOW);
		expect(fired(first)).toEqual([]);
		const second = advanceAttachmentWatch(
			{ listed, watched: [{ id: 'p1', attachments: [attachment('f1'), attachment('f2')] }], failed: [] },
			first.state,
			NOW,
		);
		expect(fired(second)).toEqual(['p1/f2']);
		const third = advanceAttachmentWatch(
			{ listed, watched: [{ id: 'p1', attachments: [attachment('f2'), attachment('f1')] }], failed: [] },
			second.state,
			NOW,
		);
		expect(fired(third)).toEqual([]);
	});

	it('fires the attachments of a publication created since the last poll, not those of an older one entering the scope', () => {
		const first = advanceAttachmentWatch(
			{ listed: [publication('p1', 1), publication('p2', 2)], watched: [{ id: 'p2', attachments: [] }], failed: [] },
			undefined,
			NOW,
		);
		const second = advanceAttachmentWatch(
			{
				listed: [publication('p1', 1), publication('p2', 2), publication('p3', 3)],
				watched: [
					{ id: 'p3', attachments: [attachment('f3')] },
					{ id: 'p2', attachments: [] },
					{ id: 'p1', attachments: [attachment('f1')] },
				],
				failed: [],
			},
			first.state,
			NOW,
		);
		expect(fired(second)).toEqual(['p3/f3']);
	});

	it('does not fire again for an attachment removed and linked again', () => {
		const watch = (attachments: Array<{ id: string }>) => ({ watched: [{ id: 'p1', attachments }], failed: [] });
		const first = advanceAttachmentWatch(watch([attachment('f1')]), undefined, NOW);
		const removed = advanceAttachmentWatch(watch([]), first.state, NOW);
		expect(fired(advanceAttachmentWatch(watch([attachment('f1')]), removed.state, NOW))).toEqual([]);
	});

	it('fires none of 200 attachments without an ID again when their signed URLs change at every listing', () => {
		const listing = (signature: number) =>
			Array.from({ length: 200 }, (_, n) => ({ filename: `f${n}.pdf`, url: `https://cdn.example/f${n}.pdf?sig=${signature}#page=1` }));
		let state = advanceAttachmentWatch({ watched: [{ id: 'p1', attachments: listing(0) }], failed: [] }, undefined, NOW).state;
		for (let poll = 1; poll <= 4; poll += 1) {
			const next = advanceAttachmentWatch({ watched: [{ id: 'p1', attachments: listing(poll) }], failed: [] }, state, NOW);
			expect(next.fresh).toEqual([]);
			state = next.state;
		}
		expect(state.seen.p1).toHaveLength(200);
		const added = [...listing(9), { filename: 'new.pdf', url: 'https://cdn.example/new.pdf?sig=9' }];
		expect(advanceAttachmentWatch({ watched: [{ id: 'p1', attachments: added }], failed: [] }, state, NOW).fresh).toEqual([
			{ publicationId: 'p1', attachment: added[200] },
		]);
	});

	it('takes over attachments without an ID kept by their whole content: none fires again', () => {
		const file = { filename: 'a.pdf', url: 'https://cdn.example/a.pdf' };
		const kept = { seen: { p1: [`json:${JSON.stringify(file)}`] } };
		const next = advanceAttachmentWatch({ watched: [{ id: 'p1', attachments: [file] }], failed: [] }, kept, NOW);
		expect(next.fresh).toEqual([]);
		expect(next.state.seen.p1).toContain('url:https://cdn.example/a.pdf');
	});

	it('tells attachments without an ID or URL apart by filename and size', () => {
		const watch = (attachments: IDataObject[]) => ({ watched: [{ id: 'p1', attachments }], failed: [] });
		const first = advanceAttachmentWatch(watch([{ filename: 'a.pdf', size: 10, note: 'x' }]), undefined, NOW);
		const second = advanceAttachmentWatch(watch([{ filename: 'a.pdf', size: 10, note: 'y' }, { filename: 'a.pdf', size: 11 }]), first.state, NOW);
		expect(second.fresh).toEqual([{ publicationId: 'p1', attachment: { filename: 'a.pdf', size: 11 } }]);
	});

	it(`remembers what a publication lists and the last ${REMOVED_ATTACHMENTS_KEPT} attachments removed from it, no more`, () => {
		const watch = (attachments: Array<{ id: string }>) => ({ watched: [{ id: 'p1', attachments }], failed: [] });
		let state = advanceAttachmentWatch(watch([attachment('keep')]), undefined, NOW).state;
		// One new file a poll, removed at the next one.
		for (let n = 0; n < REMOVED_ATTACHMENTS_KEPT + 30; n += 1) {
			const next = advanceAttachmentWatch(watch([attachment('keep'), attachment(`f${n}`)]), state, NOW);
			expect(fired(next)).toEqual([`p1/f${n}`]);
			state = next.state;
		}
		state = advanceAttachmentWatch(watch([attachment('keep')]), state, NOW).state;
		expect(state.seen.p1).toHaveLength(REMOVED_ATTACHMENTS_KEPT + 1);
		// The last ones removed are remembered; the keys are the files' IDs.
		expect(state.seen.p1).toContain('keep');
		expect(fired(advanceAttachmentWatch(watch([attachment('keep'), attachment(`f${REMOVED_ATTACHMENTS_KEPT + 29}`)]), state, NOW))).toEqual([]);
	});

	it('baselines a chosen publication (not listed, so never new) the first time it is watched', () => {
		const first = advanceAttachmentWatch({ watched: [{ id: 'p1', attachments: [attachment('f1')] }], failed: [] }, { seen: {} }, NOW);
		expect(fired(first)).toEqual([]);
		expect(first.state.seen).toEqual({ p1: ['f1'] });
	});

	it('fires the files of every new publication after one dated in the future (the watch used to keep its date)', () => {
		const listed = [publication('p1', 1)];
		let state = advanceAttachmentWatch({ listed, watched: [{ id: 'p1', attachments: [] }], failed: [] }, undefined, time(2)).state;
		listed.push(publication('far', '9999-12-31T00:00:00.000Z'));
		const far = advanceAttachmentWatch({ listed, watched: [{ id: 'far', attachments: [attachment('ff')] }], failed: [] }, state, time(3));
		expect(fired(far)).toEqual(['far/ff']);
		state = far.state;
		listed.push(publication('p2', 3));
		const next = advanceAttachmentWatch(
			{ listed, watched: [{ id: 'far', attachments: [attachment('ff')] }, { id: 'p2', attachments: [attachment('f2')] }], failed: [] },
			state,
			time(4),
		);
		expect(fired(next)).toEqual(['p2/f2']);
	});

	it('takes over a watch kept with the newest creation time, and a newest time in the future no longer silences it', () => {
		const kept = { seen: { p1: ['f1'] }, newestAt: '9999-12-31T00:00:00.000Z' };
		const listed = [publication('p1', 1), publication('p2', 5)];
		const next = advanceAttachmentWatch(
			{ listed, watched: [{ id: 'p2', attachments: [attachment('f2')] }, { id: 'p1', attachments: [attachment('f1')] }], failed: [] },
			kept,
			time(4),
		);
		expect(fired(next)).toEqual(['p2/f2']);
		expect(next.state.newestAt).toBeUndefined();
	});

	it('fires no history when Recent Publications follows a watch of one chosen publication', () => {
		const chosen = advanceAttachmentWatch({ watched: [{ id: 'p1', attachments: [attachment('f1')] }], failed: [] }, undefined, NOW);
		const listed = [publication('p1', 1), publication('p2', 2)];
		const recent = advanceAttachmentWatch(
			{ listed, watched: [{ id: 'p2', attachments: [attachment('f2')] }, { id: 'p1', attachments: [attachment('f1'), attachment('g1')] }], failed: [] },
			chosen.state,
			NOW,
		);
		expect(fired(recent)).toEqual(['p1/g1']);
		listed.push(publication('p3', 3));
		const next = advanceAttachmentWatch({ listed, watched: [{ id: 'p3', attachments: [attachment('f3')] }], failed: [] }, recent.state, NOW);
		expect(fired(next)).toEqual(['p3/f3']);
	});

	it('fires the files of a publication whose ID is a number, by its ID as text', () => {
		const first = advanceAttachmentWatch({ listed: [{ id: 1, createdAt: at(1) }], watched: [], failed: [] }, undefined, NOW);
		const second = advanceAttachmentWatch(
			{ listed: [{ id: 1, createdAt: at(1) }, { id: 2, createdAt: at(2) }], watched: [{ id: '2', attachments: [{ id: 7 }] }], failed: [] },
			first.state,
			NOW,
		);
		expect(second.fresh).toEqual([{ publicationId: '2', attachment: { id: 7 } }]);
	});

	it('keeps a publication whose attachments could not be listed as it was, and fires its files at the next poll', () => {
		const listed = [publication('p1', 1)];
		const first = advanceAttachmentWatch({ listed, watched: [{ id: 'p1', attachments: [attachment('f1')] }], failed: [] }, undefined, NOW);
		listed.push(publication('p2', 2));
		const failing = advanceAttachmentWatch(
			{ listed, watched: [{ id: 'p2', attachments: [attachment('f2')] }], failed: ['p1'] },
			first.state,
			NOW,
		);
		expect(fired(failing)).toEqual(['p2/f2']);
		expect(failing.state.seen.p1).toEqual(['f1']);
		listed.push(publication('p3', 3));
		const failingNew = advanceAttachmentWatch(
			{ listed, watched: [{ id: 'p1', attachments: [attachment('f1'), attachment('g1')] }, { id: 'p2', attachments: [attachment('f2')] }], failed: ['p3'] },
			failing.state,
			NOW,
		);
		expect(fired(failingNew)).toEqual(['p1/g1']);
		const recovered = advanceAttachmentWatch(
			{ listed, watched: [{ id: 'p3', attachments: [attachment('f3')] }, { id: 'p1', attachments: [attachment('f1'), attachment('g1')] }], failed: [] },
			failingNew.state,
			NOW,
		);
		expect(fired(recovered)).toEqual(['p3/f3']);
	});
});
