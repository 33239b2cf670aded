/**
 * The entry point (`npm start`). Loading the server's modules takes a second or more; a SIGTERM or
 * SIGINT in that time is caught here, not left to end the process with 143 or 130, and handed to
 * the server, which then stops at once and exits 0 (CONTRACT.md section 1).
 */
const signals: string[] = [];
const caught = { SIGTERM: () => signals.push('SIGTERM'), SIGINT: () => signals.push('SIGINT') };
process.on('SIGTERM', caught.SIGTERM);
process.on('SIGINT', caught.SIGINT);

const { start } = await import('./server.js');
// start installs its own handlers before it first waits: these can go.
const started = start(signals);
process.removeListener('SIGTERM', caught.SIGTERM);
process.removeListener('SIGINT', caught.SIGINT);
await started;

export {};
