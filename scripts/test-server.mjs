// The server's tests run on the embedded store and on PostgreSQL. Without DATABASE_URL, a local
// PostgreSQL is installed (Debian's package, as root) and started on loopback, as for Chromium;
// otherwise this says what to do.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!process.env.DATABASE_URL) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log('DATABASE_URL is not set: starting a local PostgreSQL on 127.0.0.1 (scripts/ci-postgres.sh)…');
    const out = execFileSync('bash', ['scripts/ci-postgres.sh'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    const url = out.match(/DATABASE_URL=(\S+)/)?.[1];
    if (!url) throw new Error('scripts/ci-postgres.sh printed no DATABASE_URL');
    process.env.DATABASE_URL = url;
  } else {
    console.error(
      'The server tests need PostgreSQL too. Set DATABASE_URL=postgres://user:password@127.0.0.1:5432/db\n' +
        '(an empty database the tests may use), or run as root on Debian: eval "$(bash scripts/ci-postgres.sh)"',
    );
    process.exit(1);
  }
}
const run = spawnSync(process.execPath, ['--test', '--test-concurrency=1', 'test/server/'], { stdio: 'inherit', env: process.env });
process.exit(run.status ?? 1);
