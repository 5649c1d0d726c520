// Empties dist/ before a build, so that no file of an earlier build (an old hashed chunk) remains.
import { rmSync } from 'node:fs';
rmSync('dist', { recursive: true, force: true });
