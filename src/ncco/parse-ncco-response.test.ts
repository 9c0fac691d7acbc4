import { describe, expect, it } from 'vitest';
import { parseNccoResponse } from './parse-ncco-response.js';

describe('parseNccoResponse', () => {
  const body = '[{"action":"talk","text":"Hello"}]';
  const json = 'application/json';

  it('accepts a JSON NCCO with application/json and returns the parsed NCCO', () => {
    const result = parseNccoResponse({ status: 200, contentType: 'application/json; charset=utf-8', body });
    expect(result).toEqual({
      valid: true,
      issues: [],
      warnings: [],
      ncco: [{ action: 'talk', text: 'Hello' }],
      empty: false,
    });
  });

  it('reads a body given as bytes', () => {
    const result = parseNccoResponse({
      status: 200,
      contentType: json,
      body: new TextEncoder().encode(body),
    });
    expect(result.valid).toBe(true);
  });

  it('reports a body that is not JSON at $', () => {
    const result = parseNccoResponse({ status: 200, contentType: json, body: '<html>oops</html>' });
    expect(result.issues).toEqual([{ path: '$', reason: expect.stringContaining('the body is not JSON') }]);
    expect(result.ncco).toBeNull();
  });

  it('reports bytes that are not UTF-8', () => {
    const result = parseNccoResponse({
      status: 200,
      contentType: json,
      body: new Uint8Array([0x5b, 0xff, 0x5d]),
    });
    expect(result.issues).toEqual([{ path: '$', reason: expect.stringContaining('not valid UTF-8') }]);
  });

  it('rejects a missing Content-Type on an NCCO by default', () => {
    const result = parseNccoResponse({ status: 200, contentType: null, body });
    expect(result.issues).toEqual([
      { path: '$', reason: expect.stringContaining('Content-Type is missing') },
    ]);
  });

  it('rejects a non-JSON Content-Type, or warns when asked to', () => {
    const response = { status: 200, contentType: 'text/plain', body };
    expect(parseNccoResponse(response).issues).toEqual([
      { path: '$', reason: expect.stringContaining('Content-Type is "text/plain"') },
    ]);
    const lenient = parseNccoResponse(response, { contentTypeSeverity: 'warning' });
    expect(lenient.valid).toBe(true);
    expect(lenient.warnings).toHaveLength(1);
  });

  it('warns on a JSON media type other than application/json', () => {
    const result = parseNccoResponse({ status: 200, contentType: 'application/vnd.api+json', body });
    expect(result.valid).toBe(true);
    expect(result.warnings).toEqual([{ path: '$', reason: expect.stringContaining('is not documented') }]);
  });

  it('rejects an empty body where an NCCO is required (answer URL)', () => {
    const result = parseNccoResponse({ status: 204, contentType: null, body: '' }, { contract: 'ncco' });
    expect(result.valid).toBe(false);
    expect(result.issues).toEqual([
      { path: '$', reason: expect.stringContaining('got an empty body with status 204') },
    ]);
    expect(result.empty).toBe(true);
  });

  it('accepts an empty body where the NCCO is optional (input, notify), without a Content-Type', () => {
    const result = parseNccoResponse(
      { status: 200, contentType: null, body: '  \n' },
      { contract: 'optional-ncco' },
    );
    expect(result).toEqual({ valid: true, issues: [], warnings: [], ncco: null, empty: true });
  });

  it('still validates a non-empty body where the NCCO is optional', () => {
    const result = parseNccoResponse(
      { status: 200, contentType: json, body: '{"ok":true}' },
      { contract: 'optional-ncco' },
    );
    expect(result.issues).toEqual([{ path: '$', reason: expect.stringContaining('must be a JSON array') }]);
  });

  it('reports a status outside 200-205 without reading the body', () => {
    const result = parseNccoResponse({ status: 500, contentType: json, body });
    expect(result.issues).toEqual([
      { path: '$', reason: expect.stringContaining('status 500 is not a success') },
    ]);
  });

  it('checks nothing when the response is ignored', () => {
    const result = parseNccoResponse(
      { status: 404, contentType: null, body: 'nope' },
      { contract: 'ignored' },
    );
    expect(result.valid).toBe(true);
  });

  it('passes validation options through (strict)', () => {
    const loose = '[{"action":"talk","text":"Hi","colour":"blue"}]';
    expect(parseNccoResponse({ status: 200, contentType: json, body: loose }).valid).toBe(true);
    expect(parseNccoResponse({ status: 200, contentType: json, body: loose }, { strict: true }).valid).toBe(
      false,
    );
  });
});
