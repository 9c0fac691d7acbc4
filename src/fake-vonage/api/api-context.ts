import type { SmsSignatureMethod } from '../../signing/sms-signature.js';
import type { CredentialCheck } from '../account/credentials.js';
import type { IdSource } from '../account/id-source.js';
import type { FakeState } from '../account/state.js';
import type { ApiReply } from './api-reply.js';
import type { ApiRequest } from './read-request.js';

/** What an API handler gets: the request, the credential check, ids, state and settings. */
export interface ApiContext {
  readonly request: ApiRequest;
  readonly auth: CredentialCheck;
  readonly ids: IdSource;
  /** This request's trace id (`X-Nexmo-Trace-Id`, problem `instance`). */
  readonly traceId: string;
  readonly state: FakeState;
  /** Whether the application (the JWT's, else the default) has a Voice event URL (Create Call may then omit `event_url`). */
  readonly hasVoiceEventUrl: (applicationId: string | undefined) => boolean;
  /** The signature secret and method an SMS API request's `sig` is checked with. */
  readonly smsSigning: { readonly secret: string | undefined; readonly method: SmsSignatureMethod };
  /** The code a Verify v2 request accepts. */
  readonly verifyCode: (requestId: string, codeLength: number) => string;
}

/** An API handler: the answer to one request on one route. */
export type ApiHandler = (context: ApiContext, match: RouteMatch) => ApiReply;

/** Path parameters of a matched route. */
export interface RouteMatch {
  readonly params: Readonly<Record<string, string>>;
}
