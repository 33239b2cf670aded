/** A start-up problem the operator can fix; printed as one clear line, then exit code 1. */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}
