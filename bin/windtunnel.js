#!/usr/bin/env node
// Thin launcher: the command line lives in emulator/src/cli.ts, compiled to dist/ by `npm run build`
// (which `npm ci` runs through the prepare script).
import { main } from '../dist/emulator/src/cli.js';

main(process.argv.slice(2)).then(
  (code) => {
    if (typeof code === 'number') process.exitCode = code;
  },
  (err) => {
    console.error(`windtunnel: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  },
);
