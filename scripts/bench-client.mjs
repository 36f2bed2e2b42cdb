// The ceiling of benchmark part 1 (scripts/bench.mjs), in a process of its own: `count` GETs of one URL from a plain
// Node.js HTTP client, keep-alive, `concurrency` requests in flight, each answer parsed as n8n would.
// Usage: node scripts/bench-client.mjs <url> <authorization> <count> <concurrency>; prints {ms, ok} as JSON.
import http from 'node:http';

const [url, authorization, count, concurrency] = process.argv.slice(2);
const agent = new http.Agent({ keepAlive: true, maxSockets: Number(concurrency) });

function get() {
	return new Promise((resolve, reject) => {
		http
			.get(url, { agent, headers: { authorization, accept: 'application/json' } }, (response) => {
				const chunks = [];
				response.on('data', (chunk) => chunks.push(chunk));
				response.on('end', () => {
					JSON.parse(Buffer.concat(chunks).toString('utf8'));
					resolve(response.statusCode);
				});
			})
			.on('error', reject);
	});
}

let started = 0;
let ok = 0;
const start = performance.now();
await Promise.all(
	Array.from({ length: Number(concurrency) }, async () => {
		while (started < Number(count)) {
			started++;
			if ((await get()) === 200) ok++;
		}
	}),
);
const ms = performance.now() - start;
agent.destroy();
process.stdout.write(JSON.stringify({ ms, ok }));
