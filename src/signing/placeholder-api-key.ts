/**
 * The API key a JWT-signed webhook carries in its `api_key` claim when none is given (`vws send`,
 * `vws request`, `vws contract` without `--api-key` or `VONAGE_API_KEY`): the shape of a Vonage key
 * (8 hex digits), plainly not a real one. An app that checks only the signature accepts it; one that
 * also checks `api_key` needs the real key (issue 11).
 */
export const PLACEHOLDER_API_KEY = '00000000';
