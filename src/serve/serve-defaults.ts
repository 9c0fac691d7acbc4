// Defaults and limits of the fake Vonage server that `vws serve` and `vws call` state as their
// flags' own, kept apart from the server so the CLI's start-up reads them without loading it.

/** The interface the server listens on when none is given: this machine only. */
export const DEFAULT_SERVER_HOST = '127.0.0.1';

/** The longest `timeoutMs` a waiting call push takes: two hours, a long call at time scale 1. */
export const MAX_CALL_WAIT_MS = 7_200_000;
/** The `timeoutMs` of a waiting call push that gives none: two minutes. */
export const DEFAULT_CALL_WAIT_MS = 120_000;
