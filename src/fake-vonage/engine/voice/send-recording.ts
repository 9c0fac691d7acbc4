import { toIsoSeconds } from '../../../fixtures/shared/time.js';
import { isRecord } from '../../../internal/is-record.js';
import { createRecordingAudio, createTranscript, fileUrl, storeFile } from '../recordings.js';
import { actionRoute, num } from './action-fields.js';
import { build, note, send } from './call-events.js';
import type { LegState, Payload, VoiceCall } from './call-state.js';

/**
 * The end of a recording: its audio stored for `GET /v1/files/:id`, the record event, and with
 * `transcription` the transcript stored and its event 3 s later (docs/decisions/107).
 */
export async function sendRecording(
  call: VoiceCall,
  leg: LegState,
  action: Payload,
  startAt: number,
  endAt: number,
  words: string,
): Promise<void> {
  const { deps, host, state } = call;
  const seconds = Math.max(1, Math.round((endAt - startAt) / 1000));
  const channels = Math.round(num(action.channels, 1, 1, 32));
  const format =
    action.format === 'wav' || action.format === 'ogg' ? action.format : channels > 2 ? 'wav' : 'mp3';
  const recordingUuid = deps.newUuid();
  const fileId = deps.newUuid();
  storeFile(state, fileId, createRecordingAudio({ format, seconds, channels }));
  const payload = build(call, 'voice.event.record', {
    start_time: toIsoSeconds(host.epoch + startAt),
    end_time: toIsoSeconds(host.epoch + endAt),
    size: format === 'mp3' ? seconds * 4_000 : seconds * 16_000 * channels + 44,
    recording_uuid: recordingUuid,
    recording_url: fileUrl(fileId),
    conversation_uuid: leg.voice.conversationUuid,
  });
  note(call, { leg: leg.label, kind: 'action', action: 'record', detail: `${seconds} s ${format}` });
  await send(call, leg, 'voice.event.record', payload, 'voice-event', actionRoute(action) ?? leg.route);
  const transcription = action.transcription;
  if (isRecord(transcription)) {
    const transcriptId = deps.newUuid();
    const transcript = createTranscript({
      recordingUuid,
      conversationUuid: leg.voice.conversationUuid,
      words,
      seconds,
      channels,
      sentiment: transcription.sentimentAnalysis === true,
      seed: host.seed,
    });
    storeFile(state, transcriptId, {
      contentType: 'application/json',
      body: new TextEncoder().encode(JSON.stringify(transcript)),
    });
    await host.sleepUntil(host.now() + 3_000);
    if (host.cancelled()) return;
    const route = actionRoute(transcription) ?? actionRoute(action) ?? leg.route;
    await send(
      call,
      leg,
      'voice.event.transcription',
      build(call, 'voice.event.transcription', {
        conversation_uuid: leg.voice.conversationUuid,
        recording_uuid: recordingUuid,
        transcription_url: fileUrl(transcriptId),
      }),
      'voice-event',
      route,
    );
  }
}
