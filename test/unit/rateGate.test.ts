/**
 * The rate gate's pacing, step by step on a virtual clock: the start before Thinkeo limits the rate, the rate learned
 * from the count of requests Thinkeo let through in the second before one it rejected, the raises that
 * find a limit that rose again, and the turns shared between executions (rateGate.property.test.ts searches the
 * bounds with fast-check).
 */
import { RateGate } from '../../nodes/Thinkeo/transport/rateGate';
import { VirtualClock } from '../support/virtualClock';

const START = 1_000_000;

/** `count` turns asked for at once in `lane`; resolves when each started, relative to START. */
function turns(gate: RateGate, count: number, lane = '', limitMs?: number) {
	return Array.from({ length: count }, async () => {
		const waited = await gate.turn(limitMs, lane);
		return waited === undefined ? undefined : gate.clock.now() - START;
	});
}

/**
 * `accepted` requests sent through the gate and accepted, then one more that Thinkeo rejects asking to wait `waitMs`:
 * the gate learns from what it sent in the second before the rejected one. Resolves when that one was sent.
 */
async function limitAfter(gate: RateGate, clock: VirtualClock, accepted: number, waitMs: number): Promise<number> {
	await clock.run(Promise.all(turns(gate, accepted + 1)));
	for (let i = 0; i < accepted; i++) gate.noteAccepted();
	const sentAt = clock.now();
	gate.noteLimited(waitMs);
	return sentAt - START;
}

/** The time between the next two turns, as the rate in force spaces them. */
async function spacingOf(gate: RateGate, clock: VirtualClock): Promise<number> {
	const [a, b] = await clock.run(Promise.all(turns(gate, 2)));
	return (b as number) - (a as number);
}

describe('the rate gate before Thinkeo limits the rate', () => {
	it('starts ten requests at once, then at 20 per second, a rate that grows with each start to double every 100 ms', async () => {
		const clock = new VirtualClock(START);
		const gate = new RateGate(clock);
		const starts = (await clock.run(Promise.all(turns(gate, 14)))) as number[];
		expect(starts.slice(0, 10)).toEqual(Array(10).fill(0));
		// 50 ms at 20/s, then 1 s divided by 20/s plus ln 2 / 100 ms per start past the ten.
		const rise = (Math.LN2 * 1000) / 100;
		expect(starts[10]).toBe(50);
		expect(starts[11] - starts[10]).toBeCloseTo(1000 / (20 + rise), 6);
		expect(starts[12] - starts[11]).toBeCloseTo(1000 / (20 + 2 * rise), 6);
		expect(starts[13] - starts[12]).toBeCloseTo(1000 / (20 + 3 * rise), 6);
	});

	it('grows the rate with the starts, not the time: requests that trickled in for a second do not unleash a burst', async () => {
		const clock = new VirtualClock(START);
		const gate = new RateGate(clock);
		// 20 requests, 50 ms apart, as n8n may hand them over; then 40 at once.
		for (let i = 0; i < 20; i++) {
			await clock.run(Promise.all(turns(gate, 1)));
			clock.time += 50;
		}
		const started = clock.now() - START;
		const starts = (await clock.run(Promise.all(turns(gate, 40)))) as number[];
		// 1 s after the first request, the 40 go at the rate of 20 starts: under 100 ms of them at first, not all at once.
		expect(starts.filter((start) => start - started < 100).length).toBeLessThanOrEqual(15);
	});

	it('grows the rate with the starts of the last second only: a token that trickled for ten seconds ramps up from its trickle', async () => {
		const clock = new VirtualClock(START);
		const gate = new RateGate(clock);
		// 150 requests, 67 ms apart (15 a second, each alone), then 300 at once.
		for (let i = 0; i < 150; i++) {
			await clock.run(Promise.all(turns(gate, 1)));
			clock.time += 67;
		}
		const started = clock.now() - START;
		const starts = (await clock.run(Promise.all(turns(gate, 300)))) as number[];
		// Grown from all 150 past starts, the rate was thousands a second: all 300 went within a few ms.
		expect(starts.filter((start) => start - started < 100).length).toBeLessThanOrEqual(15);
	});

	it('holds back bursts only: requests sent one after another (paging, a trigger) never wait, also after a pause', async () => {
		const clock = new VirtualClock(START);
		const gate = new RateGate(clock);
		const waits: number[] = [];
		for (let i = 0; i < 300; i++) {
			waits.push((await clock.run(gate.turn())) as number);
			clock.time += i === 150 ? 2000 : 2;
			gate.noteAccepted();
		}
		// Ramped as a burst, the first second held them back by 300 ms in all, and again after the pause.
		expect(waits.filter((wait) => wait > 0)).toEqual([]);
	});

	it('never refuses a turn then, and never waits past the limit asked for: the early rate is the node’s own', async () => {
		const clock = new VirtualClock(START);
		const gate = new RateGate(clock);
		const starts = await clock.run(Promise.all([...turns(gate, 12), ...turns(gate, 3, '', 0), ...turns(gate, 3, '', 60)]));
		expect(starts.slice(12, 15)).toEqual([0, 0, 0]);
		expect(starts.slice(15).every((start) => start !== undefined && start <= 60)).toBe(true);
		expect(starts.every((start) => start !== undefined)).toBe(true);
	});
});

/** A virtual clock whose sleeps end late as Node's timers do: never under 1 ms, rounded up, plus a tick. */
function lateClock(): VirtualClock {
	const clock = new VirtualClock(START);
	const sleep = clock.sleep;
	clock.sleep = async (ms: number) => await sleep(Math.max(1, Math.ceil(ms)) + 1);
	return clock;
}

/** The most starts in any span of `spanMs`. */
function busiest(starts: number[], spanMs: number): number {
	const sorted = [...starts].sort((a, b) => a - b);
	return Math.max(...sorted.map((start, i) => sorted.slice(i).filter((later) => later < start + spanMs).length));
}

describe('the rate gate when its timer wakes late', () => {
	it('keeps the start-up ramp’s schedule: 1000 turns asked at once end as late as on an exact timer, plus a tick', async () => {
		const onTime = new VirtualClock(START);
		const exact = (await onTime.run(Promise.all(turns(new RateGate(onTime), 1000)))) as number[];
		const clock = lateClock();
		const late = (await clock.run(Promise.all(turns(new RateGate(clock), 1000)))) as number[];
		// The ramp's own schedule, 20 per second doubling every 100 ms: about 0.85 s for 1000 starts.
		expect(Math.max(...exact)).toBeGreaterThan(800);
		expect(Math.max(...exact)).toBeLessThan(900);
		expect(Math.max(...late)).toBeLessThanOrEqual(Math.max(...exact) + 3);
	});

	it('keeps the rate in force at 200 per second, and never more starts in a second than the count it was learned from', async () => {
		const clock = lateClock();
		const gate = new RateGate(clock);
		const limitedAt = await limitAfter(gate, clock, 206, 1000);
		const starts = (await clock.run(Promise.all(turns(gate, 600)))) as number[];
		// 600 starts from 1 s after the rejection at 200 per second (5.15 ms apart): the last one 599 × 5.15 ms later.
		expect(Math.max(...starts)).toBeLessThanOrEqual(limitedAt + 1000 + 599 * 5.15 + 3);
		expect(busiest(starts, 1000)).toBeLessThanOrEqual(206);
	});
});

describe('the rate gate while Thinkeo limits the rate', () => {
	it('holds every turn for the first Retry-After, then paces at the count of the last second, 3% under it', async () => {
		const clock = new VirtualClock(START);
		const gate = new RateGate(clock);
		await limitAfter(gate, clock, 4, 1000);
		const starts = await clock.run(Promise.all(turns(gate, 5)));
		expect(starts).toEqual([1000, 1257.5, 1515, 1772.5, 2030]);
	});

	it('sets the rate from the count again on a later rate-limit answer when it is lower: what Thinkeo let through in the second before', async () => {
		const clock = new VirtualClock(START);
		const gate = new RateGate(clock);
		const limitedAt = await limitAfter(gate, clock, 20, 1000);
		const spacing = async () => await spacingOf(gate, clock);
		expect(await spacing()).toBeCloseTo(51.5, 6);
		// Another answer of that burst's window, later: one more rejection among the 21 sends, so 19 let through.
		gate.noteLimited(1000, START + limitedAt);
		expect(await spacing()).toBeCloseTo(1000 / (19 / 1.03), 6);
		// 10 let through in the second before a later rejection (the limit fell): the rate falls to the count.
		clock.time += 2000;
		await limitAfter(gate, clock, 10, 1000);
		expect(await spacing()).toBeCloseTo(103, 6);
		// Rejected again at that rate: the second before it (and half a spacing, for the network's shifts) held the 10
		// accepted sends, so the count explains the answer and the rate stays: a rejection never raises it.
		clock.time += 1000;
		await limitAfter(gate, clock, 10, 1000);
		expect(await spacing()).toBeCloseTo(103, 6);
	});

	it('raises the rate after each quiet second, 5%, then 10%, 20%…, and waits longer before the next raise once one is rejected', async () => {
		const clock = new VirtualClock(START);
		const gate = new RateGate(clock);
		await limitAfter(gate, clock, 25, 0);
		const rate = async () => 1000 / (await spacingOf(gate, clock));
		const learned = 25 / 1.03;
		clock.time += 1000;
		gate.noteAccepted();
		expect(await rate()).toBeCloseTo(learned * 1.05, 6);
		clock.time += 1000;
		gate.noteAccepted();
		expect(await rate()).toBeCloseTo(learned * 1.05 * 1.1, 6);
		// Rejected within a window of the raise: back to the count, and the next raise only after 2 quiet seconds.
		clock.time += 500;
		await limitAfter(gate, clock, 10, 0);
		// The 10 and the two sends that measured the raised rate, 0.8 s before.
		const count = 12;
		expect(await rate()).toBeCloseTo(count / 1.03, 6);
		clock.time += 1000;
		gate.noteAccepted();
		expect(await rate()).toBeCloseTo(count / 1.03, 6);
		clock.time += 1000;
		gate.noteAccepted();
		expect(await rate()).toBeCloseTo((count / 1.03) * 1.05, 6);
	});

	it('doubles each raise up to +100%: a limit that rose is found within seconds, not overshot a thousandfold', async () => {
		const clock = new VirtualClock(START);
		const gate = new RateGate(clock);
		const rate = async () => 1000 / (await spacingOf(gate, clock));
		await limitAfter(gate, clock, 25, 0);
		let expected = 25 / 1.03;
		for (const raise of [0.05, 0.1, 0.2, 0.4, 0.8, 1, 1, 1]) {
			clock.time += 1100;
			gate.noteAccepted();
			expected *= 1 + raise;
			expect(await rate()).toBeCloseTo(expected, 4);
		}
	});

	it('at a low rate, raises it only after 20 starts at that rate, or 4 s: each raise Thinkeo rejects costs a 429', async () => {
		const clock = new VirtualClock(START);
		const gate = new RateGate(clock);
		await limitAfter(gate, clock, 3, 0);
		const rate = async () => 1000 / (await spacingOf(gate, clock));
		// 3 a second: 20 starts take 6.9 s, so the first raise comes after 4 s (each look at the rate takes a spacing, 343 ms).
		for (const wait of [1000, 1000, 1200]) {
			clock.time += wait;
			gate.noteAccepted();
			expect(await rate()).toBeCloseTo(3 / 1.03, 6);
		}
		clock.time += 100;
		gate.noteAccepted();
		expect(await rate()).toBeCloseTo((3 / 1.03) * 1.05, 6);
	});

	it('lowers the rate by half at most with the later answers of a cut’s window', async () => {
		// In a busy n8n a request reaches Thinkeo seconds after it started: the second of start times before a rejected
		// request may hold none of the requests Thinkeo let through, and its count falls to nothing.
		const clock = new VirtualClock(START);
		const gate = new RateGate(clock);
		const spacing = async () => await spacingOf(gate, clock);
		// 21 sends, the last one rejected first (the others, not answered yet, count as accepted).
		await clock.run(Promise.all(turns(gate, 21)));
		const limitedAt = clock.now() - START;
		gate.noteLimited(1000);
		// The 20 sends before it rejected too, answered later: the count falls to 0, the rate to half.
		for (let i = 0; i < 20; i++) gate.noteLimited(1000, START + limitedAt);
		expect(await spacing()).toBeCloseTo(1000 / (20 / 1.03 / 2), 6);
	});

	it('counts the accepted answers read in the second before a rejection was read, when the starts of its window miss them', async () => {
		// In a busy n8n a request reaches Thinkeo seconds after it started, and its answer is read seconds after it came:
		// what Thinkeo counted before a rejection is what was read as accepted before it, not what started before it.
		const clock = new VirtualClock(START);
		const gate = new RateGate(clock);
		const spacing = async () => await spacingOf(gate, clock);
		await limitAfter(gate, clock, 20, 0);
		clock.time += 3000;
		for (let i = 0; i < 20; i++) gate.noteAccepted(START);
		// Rejected: no other request started in the second before it, 20 answers were read as accepted (less one for the
		// network's jitter across the window's edge).
		gate.noteLimited(0);
		expect(await spacing()).toBeCloseTo(1000 / (19 / 1.03), 6);
	});

	it('raises the rate only on the answer to a request sent after the last raise: answers read late do not compound raises', async () => {
		const clock = new VirtualClock(START);
		const gate = new RateGate(clock);
		const rate = async () => 1000 / (await spacingOf(gate, clock));
		await limitAfter(gate, clock, 25, 0);
		const learned = 25 / 1.03;
		clock.time += 1100;
		const raisedAt = clock.now();
		gate.noteAccepted();
		expect(await rate()).toBeCloseTo(learned * 1.05, 6);
		// Seconds later, the answers to requests sent before that raise: they say nothing of the raised rate.
		clock.time += 2000;
		gate.noteAccepted(raisedAt - 100);
		gate.noteAccepted(raisedAt + 400);
		expect(await rate()).toBeCloseTo(learned * 1.05, 6);
		// The answer to a request sent at the raised rate for half a second: the next raise.
		gate.noteAccepted(raisedAt + 500);
		expect(await rate()).toBeCloseTo(learned * 1.05 * 1.1, 6);
	});

	it('lets a resend go before its execution’s first turns, after its earlier resends', async () => {
		// Sent to the back of its execution's line, a request limited at its first send waited for the whole line again
		// at each rate-limit answer: at a low limit, past Max Total Wait.
		const clock = new VirtualClock(START);
		const gate = new RateGate(clock);
		await limitAfter(gate, clock, 10, 0);
		const order: string[] = [];
		const ask = (name: string, resend: boolean) => (async () => {
			await gate.turn(undefined, 'lane', resend);
			order.push(name);
		})();
		const asked = [ask('first 1', false), ask('first 2', false), ask('first 3', false)];
		expect(gate.turnIn('lane', true)).toBeLessThan(gate.turnIn('lane'));
		asked.push(ask('resend 1', true), ask('resend 2', true), ask('first 4', false));
		await clock.run(Promise.all(asked));
		expect(order).toEqual(['resend 1', 'resend 2', 'first 1', 'first 2', 'first 3', 'first 4']);
	});

	it('tells an execution when its own turn comes, behind its share of the others’ waiting requests, not all of them', async () => {
		const clock = new VirtualClock(START);
		const gate = new RateGate(clock);
		await limitAfter(gate, clock, 20, 0);
		const first = turns(gate, 300, 'first');
		// 300 waiting at 19.4 a second: 15 s. The second execution's 3 come each after one of the first's.
		expect(gate.turnIn('second')).toBeLessThan(200);
		const second = turns(gate, 3, 'second', 10_000);
		const started = await clock.run(Promise.all([...second, ...first]));
		expect(started.slice(0, 3).every((start) => start !== undefined && start < 1000)).toBe(true);
	});

	it('serves waiting executions in turn, so that one that comes later is not held behind all of another’s', async () => {
		const clock = new VirtualClock(START);
		const gate = new RateGate(clock);
		await limitAfter(gate, clock, 10, 1000);
		const order: string[] = [];
		const ask = (lane: string, count: number) =>
			turns(gate, count, lane).map(async (start) => {
				await start;
				order.push(lane);
			});
		await clock.run(Promise.all([...ask('first', 6), ...ask('second', 3)]));
		expect(order).toEqual(['first', 'second', 'first', 'second', 'first', 'second', 'first', 'first', 'first']);
	});
});
