import type { ApiContext, RouteMatch } from './api-context.js';
import { type ApiReply, resourceNotFound, unauthorized } from './api-reply.js';

/**
 * `GET /v1/files/:id`: a recording or transcript the fake stored, as its bytes and content type.
 *
 * The download needs an application JWT (Basic auth is refused with 401). A file stored with an
 * `applicationId` is served to that application's JWT only: Vonage says the JWT must be signed by the
 * application that made the recording; another application's JWT gets the same 401 (❓ Vonage's answer
 * to it is not documented). The fake does not check signatures, so the `application_id` claim decides.
 *
 * @see https://developer.vonage.com/en/voice/voice-api/guides/recording
 * @example
 * ```ts
 * import { findRoute } from './routes.js';
 * const found = findRoute('api', 'GET', '/v1/files/aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee');
 * // found.kind === 'handler', found.handler === handleGetFile
 * ```
 */
export function handleGetFile(context: ApiContext, match: RouteMatch): ApiReply {
  const auth = context.auth.header(context.request.headers.authorization, ['jwt']);
  if (!auth.ok) return unauthorized(context.traceId);
  const id = match.params.id ?? '';
  const file = context.state.files.get(id);
  if (file === undefined) return resourceNotFound(context.traceId, `File ${id} was not found.`);
  if (file.applicationId !== undefined && file.applicationId !== auth.applicationId) {
    return unauthorized(context.traceId);
  }
  return { status: 200, body: null, raw: { contentType: file.contentType, body: file.body } };
}
