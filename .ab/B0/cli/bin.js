#!/usr/bin/env node
import { main } from './main.js';
// A closed pipe (`netscry … | head`) is the reader's choice, not an error.
process.stdout.on('error', (err) => {
    if (err.code === 'EPIPE')
        process.exit(process.exitCode ?? 0);
    throw err;
});
process.exitCode = await main(process.argv.slice(2));
//# sourceMappingURL=bin.js.map