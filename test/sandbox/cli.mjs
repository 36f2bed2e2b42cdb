// Runs the Thinkeo sandbox in the foreground:
//   node test/sandbox/cli.mjs [--port 8787] [--max-upload-bytes N]
// The last line printed at start-up is `SANDBOX_URL=http://127.0.0.1:PORT`, for scripts.
import { parseArgs } from 'node:util';

import { ACCOUNTS, ALPHA_APP, DEMO_APP, TEAMS } from './seed.mjs';
import { DEFAULT_MAX_UPLOAD_BYTES, startSandbox } from './server.mjs';

const USAGE = `Usage: node test/sandbox/cli.mjs [--port 8787] [--max-upload-bytes ${DEFAULT_MAX_UPLOAD_BYTES}]
  --port 0 picks a free port.
`;

function fail(message) {
	process.stderr.write(`${message}\n${USAGE}`);
	process.exit(2);
}

function nonNegativeInteger(name, text) {
	const value = Number(text);
	if (!/^\d+$/.test(text) || !Number.isSafeInteger(value))
		fail(`--${name} must be a non-negative integer`);
	return value;
}

function teamNames(ids) {
	if (ids.length === 0) return 'no team';
	return ids.map((id) => `${TEAMS.find((team) => team.id === id).name} (${id})`).join(', ');
}

function appLines(app) {
	const team = TEAMS.find((candidate) => candidate.id === app.teamId);
	const versions = app.versions.map((v) => (v === app.latestVersion ? `${v} (latest)` : v));
	return [
		`  "${app.name}" ${app.id}  team: ${team.name}`,
		`    versions: ${versions.join(', ')}`,
		...Object.values(app.attributes).map(
			(attribute) =>
				`    attribute ${attribute.name.padEnd(9)} ${attribute.id}  ${attribute.kind}` +
				(attribute.multiple ? ', multi-valued' : ''),
		),
	];
}

function help(url) {
	const api = `${url}/v1`;
	return [
		`Thinkeo API sandbox listening on ${url}`,
		`Base URL for the credential: ${api}   (/v0 and no prefix work too)`,
		'',
		'Accounts (HTTP Basic is accepted on GET /teams and POST /tokens only):',
		...ACCOUNTS.map((a) => `  ${a.email} / ${a.password}`.padEnd(46) + `  ${teamNames(a.teamIds)}`),
		'',
		'Apps:',
		...appLines(DEMO_APP),
		...appLines(ALPHA_APP),
		'',
		'Get a Bearer token:',
		`  curl -u demo@thinkeo.test:demo-password -X POST '${api}/tokens?name=n8n'`,
		'',
		'Admin controls (no auth, not logged):',
		'  GET    /_sandbox/requests[?path=/tokens&method=POST]   request log',
		'  DELETE /_sandbox/requests                              clear the log',
		'  POST   /_sandbox/reset                                 back to the seed',
		'  POST   /_sandbox/revoke-tokens                         revoke every token',
		'  POST   /_sandbox/expire-tokens                         expire every token',
		'  POST   /_sandbox/publications  {"count":9770}          add Demo Team publications',
		'  POST   /_sandbox/logs  {"createdAt":"2030-01-01T00:00:00Z"}   add a Demo Team log entry',
		'  GET|POST|DELETE /_sandbox/faults   {"status":503,"count":2,"path":"/publications","method":"POST"}',
		'                  redirect: {"status":302,"path":"/teams","location":"foreign"}; reset: {"status":200,"reset":true}',
		'  GET|DELETE /_sandbox/foreign                           the other origin: its URL and the headers it received',
		'  POST   /_sandbox/latency   {"ms":100}   (0 clears)',
		'  POST   /_sandbox/paging    {"ignore":150} or {"cap":50}   paging faults of POST …/query ({} clears)',
		'  GET    /_sandbox/state                                 counts',
		'',
		'Stop with Ctrl+C.',
		`SANDBOX_URL=${url}`,
		'',
	].join('\n');
}

let args;
try {
	args = parseArgs({
		options: {
			port: { type: 'string', default: '8787' },
			'max-upload-bytes': { type: 'string', default: String(DEFAULT_MAX_UPLOAD_BYTES) },
			help: { type: 'boolean', short: 'h', default: false },
		},
	}).values;
} catch (err) {
	fail(err.message);
}
if (args.help) {
	process.stdout.write(USAGE);
	process.exit(0);
}

let sandbox;
try {
	sandbox = await startSandbox({
		port: nonNegativeInteger('port', args.port),
		maxUploadBytes: nonNegativeInteger('max-upload-bytes', args['max-upload-bytes']),
	});
} catch (err) {
	process.stderr.write(`Thinkeo sandbox: cannot start: ${err.message}\n`);
	process.exit(1);
}
process.stdout.write(help(sandbox.url));

let stopping = false;
async function stop(signal) {
	if (stopping) return;
	stopping = true;
	process.stderr.write(`Thinkeo sandbox: ${signal}, stopping\n`);
	await sandbox.close();
	// Requests parked in an injected latency would otherwise keep the process alive.
	process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
