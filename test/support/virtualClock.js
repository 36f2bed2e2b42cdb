// A clock for the rate gate (nodes/Thinkeo/transport/rateGate.ts, its Clock) in the unit tests. CommonJS on
// purpose: the TypeScript tests are linted with n8n's rules, which forbid timers.

/**
 * Time moves only when every task waits: `run` lets the code run until it sleeps, then jumps to the earliest
 * wake-up, so concurrent callers interleave as they would in real time, at no cost.
 */
class VirtualClock {
	/** @param {number} time where the clock starts, in epoch ms */
	constructor(time = 0) {
		this.time = time;
		/** Every sleep asked for, in ms. @type {number[]} */
		this.sleeps = [];
		/** @type {Array<{ at: number, order: number, wake: () => void }>} */
		this.timers = [];
		this.order = 0;
		/** @returns {number} */
		this.now = () => this.time;
		/** @param {number} ms @returns {Promise<void>} */
		this.sleep = (ms) => {
			this.sleeps.push(ms);
			return new Promise((wake) => this.timers.push({ at: this.time + ms, order: this.order++, wake }));
		};
	}

	/**
	 * Runs `task` (and whatever else waits on this clock) to its end; fails if it is left waiting on nothing.
	 * @template T
	 * @param {Promise<T>} task
	 * @returns {Promise<T>}
	 */
	async run(task) {
		/** @type {{ value: T } | { error: unknown } | undefined} */
		let outcome;
		task.then(
			(value) => (outcome = { value }),
			(error) => (outcome = { error }),
		);
		for (;;) {
			// A macrotask: every promise chain woken so far runs until it waits again.
			await new Promise((resolve) => setImmediate(resolve));
			const next = this.timers.sort((a, b) => a.at - b.at || a.order - b.order).shift();
			if (!next) break;
			this.time = Math.max(this.time, next.at);
			next.wake();
		}
		if (!outcome) throw new Error('The task waits on something that never comes');
		if ('error' in outcome) throw outcome.error;
		return outcome.value;
	}
}

module.exports = { VirtualClock };
